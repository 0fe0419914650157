"""The transition table is the one place a step's effects and events are declared
(``workflow/transitions.py``): the service only carries them out."""

from __future__ import annotations

from plans_api.workflow.transitions import TRANSITIONS, Action


def test_each_step_declares_its_event_in_the_table() -> None:
    events = {action: step.event for action, step in TRANSITIONS.items() if step.event}
    assert events == {
        Action.return_to_author: "plan.returned",
        Action.return_with_comments: "plan.returned",
        Action.complete_precheck: "plan.precheck_completed",
        Action.publish: "plan.published",
        Action.change_request: "plan.change_requested",
    }


def test_the_steps_that_write_more_than_their_state_declare_it() -> None:
    writing = {action for action, step in TRANSITIONS.items() if step.effect}
    assert writing == {
        Action.return_with_comments,
        Action.complete_precheck,
        Action.announce,
        Action.publish,
        Action.revise,
        Action.reopen,
        Action.change_request,
    }


def test_the_service_holds_no_per_action_branches() -> None:
    """No ``Action.<name>`` test in the service's step logic besides the rules on the plan
    itself (withdraw, submit, publish) and the review steps' comments."""
    from pathlib import Path

    import plans_api.workflow.service as service

    source = Path(service.__file__).read_text()
    apply_step = source[source.index("async def apply_step(") :]
    assert "Action." not in apply_step


def test_the_step_names_bracket_in_full_width_as_japanese_text_does() -> None:
    names = [step.label for step in TRANSITIONS.values()]
    assert [n for n in names if "(" in n or ")" in n] == []
    assert TRANSITIONS[Action.return_with_comments].label == "事前確認の差戻し（コメント付き）"
    assert TRANSITIONS[Action.revise].label == "計画の改訂（PDCA・具体化・高度化）"
