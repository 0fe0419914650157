"""Rules for companies and their figures: who may write, impossible figures, imports."""

from __future__ import annotations

import itertools
import operator
from collections import deque
from collections.abc import AsyncGenerator, Callable, Sequence
from contextlib import aclosing
from typing import IO, Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import clock, textsearch
from chiiki_common.audit import record_audit
from chiiki_common.auth import Principal
from chiiki_common.errors import Conflict, FieldProblem, NotFound, ValidationFailed
from chiiki_common.pagination import PageParams
from chiiki_common.spreadsheets import DEFAULT_LIMITS, SpreadsheetLimits
from chiiki_common.validators import is_valid_corporate_number
from scoring_api.companies import repository
from scoring_api.companies.schemas import (
    CompanyCreate,
    CompanyUpdate,
    FigureRow,
    FiguresImportResult,
    FiguresIn,
    TransactionRow,
    TransactionsImportResult,
)
from scoring_api.companies.tabular import Convert, by_row, read_rows, stream_rows, validated
from scoring_api.models import AuditRecord, Company, CompanyFigures, Transaction
from scoring_api.scores.service import recompute_scores
from scoring_api.tenancy import staff_prefecture

log = structlog.get_logger("scoring.companies")

FIGURE_COLUMNS = {
    "法人番号": "corporate_number",
    "事業年度": "fiscal_year",
    "売上高": "sales",
    "域外売上高": "out_of_prefecture_sales",
    "うち域外売上高": "out_of_prefecture_sales",
    "仕入高": "purchases",
    "域内仕入高": "in_prefecture_purchases",
    "うち域内仕入高": "in_prefecture_purchases",
}
TRANSACTION_COLUMNS = {
    "売り手法人番号": "seller_corporate_number",
    "売り手本社都道府県": "seller_prefecture",
    "買い手法人番号": "buyer_corporate_number",
    "買い手本社都道府県": "buyer_prefecture",
    "取引額": "amount",
    "事業年度": "fiscal_year",
}
TRANSACTION_FIELDS = tuple(TransactionRow.model_fields)


def figure_problems(figures: FiguresIn, prefix: str = "") -> list[FieldProblem]:
    """A part larger than its whole (様式2: うち域外売上高 ≤ 売上高, うち域内仕入高 ≤ 仕入高)."""
    problems = []
    if figures.out_of_prefecture_sales > figures.sales:
        problems.append(
            FieldProblem(
                field=f"{prefix}out_of_prefecture_sales",
                message="域外売上高が売上高を超えています",
                code="part_exceeds_whole",
            )
        )
    if figures.in_prefecture_purchases > figures.purchases:
        problems.append(
            FieldProblem(
                field=f"{prefix}in_prefecture_purchases",
                message="域内仕入高が仕入高を超えています",
                code="part_exceeds_whole",
            )
        )
    return problems


async def list_companies(
    session: AsyncSession,
    principal: Principal,
    *,
    prefecture: str | None,
    raw_query: str | None,
    page: PageParams,
) -> tuple[Sequence[Company], int]:
    return await repository.list_companies(
        session,
        principal,
        prefecture=prefecture,
        query=textsearch.parse_query(raw_query) if raw_query else None,
        limit=page.limit,
        offset=page.offset,
    )


async def visible_company(
    session: AsyncSession, principal: Principal, corporate_number: str
) -> Company:
    company = await repository.get_company(session, principal, corporate_number)
    if company is None:
        raise NotFound("企業が見つかりません")
    return company


async def create_company(
    session: AsyncSession, principal: Principal, body: CompanyCreate
) -> Company:
    prefecture = staff_prefecture(principal)
    if body.hq_prefecture != prefecture:
        raise ValidationFailed(
            errors=[
                FieldProblem(
                    field="hq_prefecture", message="自都道府県に本社がある企業のみ登録できます"
                )
            ]
        )
    if await repository.company_exists(session, body.corporate_number):
        raise Conflict("この法人番号の企業は既に登録されています")
    now = clock.now()
    company = Company(**body.model_dump(), created_at=now, updated_at=now)
    session.add(company)
    await session.flush()
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="company.create",
        resource_type="company",
        resource_id=company.corporate_number,
    )
    return company


async def update_company(
    session: AsyncSession, principal: Principal, company: Company, body: CompanyUpdate
) -> Company:
    if body.hq_prefecture != staff_prefecture(principal):
        raise ValidationFailed(
            errors=[
                FieldProblem(
                    field="hq_prefecture",
                    message="本社の他都道府県への移転は移転先の都道府県が登録します",
                )
            ]
        )
    for name, value in body.model_dump().items():
        setattr(company, name, value)
    company.updated_at = clock.now()
    await session.flush()
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="company.update",
        resource_type="company",
        resource_id=company.corporate_number,
    )
    return company


async def delete_company(session: AsyncSession, principal: Principal, company: Company) -> None:
    corporate_number = company.corporate_number
    await repository.delete_company(session, corporate_number)
    await recompute_scores(session, {company.hq_prefecture})
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="company.delete",
        resource_type="company",
        resource_id=corporate_number,
    )


async def list_figures(session: AsyncSession, company: Company) -> Sequence[CompanyFigures]:
    return await repository.list_figures(session, company.corporate_number)


async def put_figures(
    session: AsyncSession,
    principal: Principal,
    company: Company,
    fiscal_year: int,
    body: FiguresIn,
) -> CompanyFigures:
    corporate_number = company.corporate_number
    problems = figure_problems(body)
    if problems:
        raise ValidationFailed(errors=problems)
    await repository.upsert(
        session,
        CompanyFigures,
        [
            {
                "corporate_number": corporate_number,
                "fiscal_year": fiscal_year,
                **body.model_dump(),
                "source": "form",
                "updated_at": clock.now(),
            }
        ],
        keys=("corporate_number", "fiscal_year"),
    )
    await recompute_scores(session, {company.hq_prefecture}, {fiscal_year})
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="figures.put",
        resource_type="company",
        resource_id=corporate_number,
        details={"fiscal_year": fiscal_year},
    )
    figures = await repository.get_figures(session, corporate_number, fiscal_year)
    assert figures is not None
    await session.refresh(figures)
    return figures


async def delete_figures(
    session: AsyncSession, principal: Principal, company: Company, fiscal_year: int
) -> None:
    corporate_number = company.corporate_number
    figures = await repository.get_figures(session, corporate_number, fiscal_year)
    if figures is None:
        raise NotFound("この年度の数値は登録されていません")
    await session.delete(figures)
    await session.flush()
    await recompute_scores(session, {company.hq_prefecture}, {fiscal_year})
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="figures.delete",
        resource_type="company",
        resource_id=corporate_number,
        details={"fiscal_year": fiscal_year},
    )


async def import_figures(
    session: AsyncSession, principal: Principal, filename: str, content: bytes, max_rows: int
) -> FiguresImportResult:
    """All rows or none: every bad row and field is reported in one answer."""
    prefecture = staff_prefecture(principal)
    rows, problems = await read_rows(
        filename, content, FigureRow, FIGURE_COLUMNS, max_rows=max_rows
    )
    known = await repository.companies_by_number(session, {row.corporate_number for _, row in rows})
    seen: dict[tuple[str, int], int] = {}
    for number, row in rows:
        prefix = f"rows/{number}/"
        company = known.get(row.corporate_number)
        if company is None or company.hq_prefecture != prefecture:
            problems.append(
                FieldProblem(
                    field=f"{prefix}corporate_number",
                    message="自都道府県の登録企業ではありません(先に企業を登録してください)",
                )
            )
        key = (row.corporate_number, row.fiscal_year)
        if key in seen:
            problems.append(
                FieldProblem(
                    field=f"{prefix}fiscal_year",
                    message=f"同じ企業・年度の行が{seen[key]}行目にもあります",
                )
            )
        seen.setdefault(key, number)
        problems += figure_problems(row, prefix)
    if problems:
        raise ValidationFailed(
            "誤りのある行があるため、1行も取り込んでいません", errors=by_row(problems)
        )
    now = clock.now()
    values = [{**row.model_dump(), "source": "import", "updated_at": now} for _, row in rows]
    for start in range(0, len(values), 5_000):
        await repository.upsert(
            session,
            CompanyFigures,
            values[start : start + 5_000],
            keys=("corporate_number", "fiscal_year"),
        )
    years = sorted({row.fiscal_year for _, row in rows})
    await recompute_scores(session, {prefecture}, years)
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="figures.import",
        resource_type="prefecture",
        resource_id=prefecture,
        details={"rows": len(rows), "fiscal_years": years, "file": filename[:200]},
    )
    log.info("scoring.figures.imported", rows=len(rows), prefecture=prefecture)
    return FiguresImportResult(rows=len(rows), fiscal_years=years)


PREFECTURES = frozenset(f"{p:02d}" for p in range(1, 48))
_FISCAL_YEARS = {str(year): year for year in range(2000, 2101)}
_MAX_YEN = 10**15
_MAX_YEN_DIGITS = len(str(_MAX_YEN))


_UNKNOWN = object()


class TransactionCells:
    """A transaction row's cells (``TRANSACTION_COLUMNS`` in field order) to the row stored.

    A row of plain cells (13-digit 法人番号 with its check digit, 2-digit prefecture, an amount and a
    fiscal year in plain digits) is taken as it is, which is what ``TransactionRow`` makes of it;
    any other row goes through ``TransactionRow``, which names every bad field. Then the rules of
    one row: the importing prefecture is a party, seller ≠ buyer, and a registered party is stated
    with its registered HQ prefecture.

    That last rule is checked one of two ways. On a file's first reading, each 法人番号 is kept in
    ``stated`` with the HQ prefectures the file states for it, for one query at the end
    (:func:`repository.misstated`); a chunk of rows that are all plain and keep the other rules is
    then checked a column at a time (:meth:`rows`). On the reading that names every problem of a
    refused file (``row_by_row``), row by row: a row naming a company not yet looked up waits in
    ``unchecked`` for :func:`_check_unchecked`.

    Called from the reading thread while the event loop writes or looks companies up: ``registered``
    only grows, and ``unchecked`` is a deque, whose appends and pops are atomic."""

    def __init__(self, prefecture: str, *, row_by_row: bool = False) -> None:
        self.prefecture = prefecture
        self.numbers: set[object] = set()
        """法人番号 already found valid in this file (a company appears in many rows)."""
        self.stated: set[str] = set()
        """On the first reading: each 法人番号 followed by an HQ prefecture a row states for it."""
        self.row_by_row = row_by_row
        self.registered: dict[str, str | None] = {}
        """法人番号 → registered HQ prefecture (None: not registered), for those looked up."""
        self.unchecked: deque[tuple[int, repository.TransactionRecord]] = deque()
        self.fiscal_years: set[int] = set()

    def _number(self, value: object) -> bool:
        if (
            isinstance(value, str)
            and len(value) == 13
            and value.isascii()
            and is_valid_corporate_number(value)
        ):
            self.numbers.add(value)
            return True
        return False

    def rows(
        self, numbers: list[int], batch: list[tuple[Any, ...]], problems: list[FieldProblem]
    ) -> list[repository.TransactionRecord]:
        """A batch of rows (:data:`tabular.Convert`): a column at a time where it can be, else
        row by row."""
        if not self.row_by_row:
            records = self._plain_batch(batch)
            if records is not None:
                return records
        records = []
        for number, cells in zip(numbers, batch, strict=True):
            record = self(number, cells, problems)
            if record is not None:
                records.append(record)
        return records

    def _plain_batch(
        self, batch: list[tuple[Any, ...]]
    ) -> list[repository.TransactionRecord] | None:
        """The batch's rows stored, if every cell is plain and every row keeps the rules of one row
        (but the registered HQ prefecture, checked for the whole file at the end); None otherwise. It
        takes exactly the rows that :meth:`__call__` takes without a problem, as they are."""
        # the columns sliced from one flat list (a zip of the rows would make an iterator of each)
        cells = list(itertools.chain.from_iterable(batch))
        sellers, seller_prefectures, buyers, buyer_prefectures, amounts, years = (
            cells[column :: len(TRANSACTION_FIELDS)] for column in range(len(TRANSACTION_FIELDS))
        )
        try:
            digits = "".join(amounts)
            stated = set(map(operator.add, sellers, seller_prefectures))
            stated.update(map(operator.add, buyers, buyer_prefectures))
        except TypeError:  # a cell that is no text: a number or an empty cell of an xlsx sheet
            return None
        prefecture, parties = self.prefecture, (seller_prefectures, buyer_prefectures)
        if not (
            _FISCAL_YEARS.keys() >= set(years)
            and PREFECTURES.issuperset(seller_prefectures)
            and PREFECTURES.issuperset(buyer_prefectures)
            and digits.isascii()
            and digits.isdigit()
            # plain digits each: none empty and none with a leading zero (nor a lone 0: row by row)
            and min(amounts) >= "1"
            and max(map(len, amounts)) <= _MAX_YEN_DIGITS
            and all(prefecture in pair for pair in set(zip(*parties, strict=True)))
            and not any(map(operator.eq, sellers, buyers))
        ):
            return None
        new = stated - self.stated
        for pair in new:  # a prefecture is two characters, so what comes before is the 法人番号
            if pair[:-2] not in self.numbers and not self._number(pair[:-2]):
                return None
        yen = list(map(int, amounts))
        if max(yen) > _MAX_YEN:
            return None
        fiscal_years = list(map(_FISCAL_YEARS.__getitem__, years))
        self.stated |= new
        self.fiscal_years.update(fiscal_years)
        return list(
            zip(
                [prefecture] * len(batch),
                fiscal_years,
                sellers,
                seller_prefectures,
                buyers,
                buyer_prefectures,
                yen,
                strict=True,
            )
        )

    def __call__(
        self, number: int, cells: tuple[Any, ...], problems: list[FieldProblem]
    ) -> repository.TransactionRecord | None:
        seller, seller_prefecture, buyer, buyer_prefecture, amount, year = cells
        fiscal_year = _FISCAL_YEARS.get(year)
        numbers = self.numbers
        if (
            fiscal_year is not None
            and seller_prefecture in PREFECTURES
            and buyer_prefecture in PREFECTURES
            and (seller in numbers or self._number(seller))
            and (buyer in numbers or self._number(buyer))
            and isinstance(amount, str)
            and amount.isascii()
            and amount.isdigit()
            and len(amount) <= _MAX_YEN_DIGITS
            and (amount[0] != "0" or len(amount) == 1)
            and int(amount) <= _MAX_YEN
        ):
            yen = int(amount)
        else:
            row = validated(
                number, dict(zip(TRANSACTION_FIELDS, cells, strict=True)), TransactionRow, problems
            )
            if row is None:
                return None
            seller, seller_prefecture = row.seller_corporate_number, row.seller_prefecture
            buyer, buyer_prefecture = row.buyer_corporate_number, row.buyer_prefecture
            yen, fiscal_year = row.amount, row.fiscal_year
        prefecture = self.prefecture
        record = (prefecture, fiscal_year, seller, seller_prefecture, buyer, buyer_prefecture, yen)
        refused = prefecture not in (seller_prefecture, buyer_prefecture) or seller == buyer
        if refused:
            self._refuse(number, seller_prefecture, buyer_prefecture, seller == buyer, problems)
        if not self.row_by_row:
            self.stated.add(seller + seller_prefecture)
            self.stated.add(buyer + buyer_prefecture)
        else:
            seller_hq = self.registered.get(seller, _UNKNOWN)
            buyer_hq = self.registered.get(buyer, _UNKNOWN)
            if seller_hq is _UNKNOWN or buyer_hq is _UNKNOWN:
                self.unchecked.append((number, record))
            elif (seller_hq is not None and seller_hq != seller_prefecture) or (
                buyer_hq is not None and buyer_hq != buyer_prefecture
            ):
                self.check(number, record, problems)
                refused = True
        if refused:
            return None
        self.fiscal_years.add(fiscal_year)
        return record

    def _refuse(
        self,
        number: int,
        seller_prefecture: str,
        buyer_prefecture: str,
        same: bool,
        problems: list[FieldProblem],
    ) -> None:
        if self.prefecture not in (seller_prefecture, buyer_prefecture):
            problems.append(
                FieldProblem(
                    field=f"rows/{number}/seller_prefecture",
                    message="売り手・買い手のどちらかが自都道府県に本社を置く取引のみ取り込めます",
                )
            )
        if same:
            problems.append(
                FieldProblem(
                    field=f"rows/{number}/buyer_corporate_number",
                    message="売り手と買い手が同じ法人です",
                )
            )

    def check(
        self, number: int, record: repository.TransactionRecord, problems: list[FieldProblem]
    ) -> None:
        """A registered party stated with another HQ prefecture (both looked up by now)."""
        _, _, seller, seller_prefecture, buyer, buyer_prefecture, _ = record
        for party, hq, stated in (
            ("seller", self.registered[seller], seller_prefecture),
            ("buyer", self.registered[buyer], buyer_prefecture),
        ):
            if hq is not None and hq != stated:
                problems.append(
                    FieldProblem(
                        field=f"rows/{number}/{party}_prefecture",
                        message=f"登録済みの本社都道府県({hq})と異なります",
                    )
                )


async def _check_unchecked(
    session: AsyncSession, cells: TransactionCells, problems: list[FieldProblem]
) -> None:
    """Look up the companies of the rows waiting in ``cells.unchecked`` and check those rows: each
    company of the file is looked up once, however many rows name it."""
    waiting = []
    while cells.unchecked:
        waiting.append(cells.unchecked.popleft())
    unseen = {r[2] for _, r in waiting if r[2] not in cells.registered}
    unseen |= {r[4] for _, r in waiting if r[4] not in cells.registered}
    if unseen:
        found = await repository.registered_prefectures(session, unseen)
        cells.registered.update({number: found.get(number) for number in unseen})
    for number, record in waiting:
        cells.check(number, record, problems)


async def _every_problem(
    session: AsyncSession,
    cells: TransactionCells,
    source: IO[bytes],
    read: Callable[[IO[bytes], Convert[repository.TransactionRecord], list[FieldProblem]], Any],
) -> list[FieldProblem]:
    """A refused file read again, from its start, with every rule checked row by row and nothing
    written: every problem of every row, as :func:`tabular.by_row` orders them."""
    problems: list[FieldProblem] = []
    source.seek(0)
    async with aclosing(read(source, cells.rows, problems)) as batches:
        async for _ in batches:
            await _check_unchecked(session, cells, problems)
    await _check_unchecked(session, cells, problems)
    return by_row(problems)


async def import_transactions(
    session: AsyncSession,
    principal: Principal,
    filename: str,
    source: IO[bytes],
    max_rows: int,
    limits: SpreadsheetLimits = DEFAULT_LIMITS,
) -> TransactionsImportResult:
    """Replace the prefecture's transaction list of the fiscal years in the file and derive every
    registered company's figures from it (set-based), then recompute the scores.

    The file is read as a stream and written in batches while it is checked (memory holds one
    batch); the registered HQ prefecture of its companies is checked once, after the last batch.
    A bad row anywhere refuses the whole file: it is read a second time to name every problem, and
    the transaction rolls back whatever was written."""
    prefecture = staff_prefecture(principal)
    problems: list[FieldProblem] = []
    cells = TransactionCells(prefecture)
    count = 0
    await repository.lock_transaction_list(session, prefecture)
    last_id = await repository.last_transaction_id(session)

    def read(
        source: IO[bytes],
        convert: Convert[repository.TransactionRecord],
        problems: list[FieldProblem],
    ) -> AsyncGenerator[list[repository.TransactionRecord]]:
        return stream_rows(
            filename,
            source,
            TransactionRow,
            TRANSACTION_COLUMNS,
            convert,
            problems,
            max_rows=max_rows,
            limits=limits,
        )

    async with aclosing(read(source, cells.rows, problems)) as batches:
        async for rows in batches:
            if problems:
                break  # refused: the second reading names every problem
            count += len(rows)
            await repository.add_transactions(session, rows)
    if problems or await repository.misstated(session, cells.stated):
        raise ValidationFailed(
            "誤りのある行があるため、1行も取り込んでいません",
            errors=await _every_problem(
                session, TransactionCells(prefecture, row_by_row=True), source, read
            ),
        )
    fiscal_years = sorted(cells.fiscal_years)
    await repository.drop_previous_transactions(session, prefecture, fiscal_years, last_id)
    await repository.prepare_bulk_statements(session, Transaction)
    derived = await repository.derive_figures(session, prefecture, fiscal_years, clock.now())
    await repository.prepare_bulk_statements(session, CompanyFigures)
    await recompute_scores(session, {prefecture}, fiscal_years)
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="transactions.import",
        resource_type="prefecture",
        resource_id=prefecture,
        details={"rows": count, "fiscal_years": fiscal_years, "derived": derived},
    )
    log.info("scoring.transactions.imported", rows=count, derived=derived)
    return TransactionsImportResult(
        rows=count, fiscal_years=fiscal_years, companies_derived=derived
    )
