import { describe, expect, it } from 'vitest';
import { PLAN_RULES } from '../api/rules.gen';
import {
  ACTIONS_NEEDING_COMMENT,
  COMMITMENT,
  COORDINATION_PARTY_LABELS,
  HISTORY_ACTION_LABELS,
  PLAN_TYPE_LABELS,
  SECTIONS,
  historyActionLabel,
  organisationName,
} from './plans';

describe("the plan words are plans-api's rules", () => {
  it('names the plan types with their letter and the name plans-api gives them', () => {
    for (const t of PLAN_RULES.plan_types) expect(PLAN_TYPE_LABELS[t.type]).toBe(`${t.type} ${t.label}`);
    expect(PLAN_TYPE_LABELS.B).toBe('B 地域産業クラスター計画');
    expect(Object.keys(PLAN_TYPE_LABELS)).toEqual(['A', 'B', 'C']);
  });

  it("names every step of the history as the transition table does and asks for a comment where the server does", () => {
    expect(Object.keys(HISTORY_ACTION_LABELS)).toEqual(PLAN_RULES.actions.map((a) => a.action));
    for (const a of PLAN_RULES.actions) {
      expect(HISTORY_ACTION_LABELS[a.action]).toBe(a.label);
      expect(historyActionLabel(a.action)).toBe(a.label);
      expect(ACTIONS_NEEDING_COMMENT.includes(a.action)).toBe(a.needs_comment);
    }
    expect(ACTIONS_NEEDING_COMMENT).toContain('reopen');
    expect(historyActionLabel('something_new')).toBe('手続');
  });

  it('writes no commitment item of its own: every item, its order and its words are the rules’', () => {
    for (const t of ['B', 'C'] as const) {
      expect(COMMITMENT[t].fields).toEqual(
        PLAN_RULES.commitment[t].map((i) => ({
          name: i.name,
          label: i.label,
          required: i.required,
          ...(i.list ? { list: true } : {}),
          ...(i.multiline ? { multiline: true } : {}),
        })),
      );
    }
    expect(COMMITMENT.B.fields.map((f) => f.name)).toEqual(['support_fields', 'staff', 'departments', 'measures', 'frequency', 'financial_institutions']);
    expect(COMMITMENT.C.fields.find((f) => f.name === 'department')?.required).toBe(true);
  });

  it('names the description items with the rules’ words', () => {
    for (const t of ['B', 'C'] as const) {
      expect(SECTIONS[t].map((h) => h.fields)).toEqual(PLAN_RULES.sections[t].map((h) => h.items.map((i) => ({ name: i.name, label: i.label, required: i.required }))));
    }
    const notes = SECTIONS.B.find((h) => h.key === 'localisation')?.fields.find((f) => f.name === 'notes');
    expect(notes?.label).toBe('留意事項（域外企業の誘致の場合）');
  });

  it('names the coordination parties as plans-api does', () => {
    expect(Object.entries(COORDINATION_PARTY_LABELS)).toEqual(PLAN_RULES.coordination_parties.map((p) => [p.kind, p.label]));
  });
});

describe('organisation names before the directory answers', () => {
  it('shows a prefecture by name, a municipality by its prefecture and code, anything else as it is', () => {
    expect(organisationName('430005')).toBe('熊本県');
    expect(organisationName('434043')).toBe('熊本県（434043）');
    expect(organisationName('meti')).toBe('meti');
  });
});
