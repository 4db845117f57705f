"""Reading partner-clinic lists (an Excel workbook or a CSV) into clean rows, and rows into clinics.

A file may hold two kinds of table:
- a summary table: a header row naming at least the name, state and LGA columns (an address,
  landmark and phone column are optional), one clinic a row;
- a per-state sheet (workbooks only), named after its state and read by position: column A the
  LGA, column B `Name,Address[,Landmark]` in one cell.

Cleaning every value and splitting address cells is `clinics.cleaning`'s work.

One clinic is its folded name (case, spaces, punctuation and accents ignored) with its state and
LGA. When one sheet lists that triple more than once with different addresses, those rows are
branches and the folded address joins the key.
"""

import csv
import io
import logging
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from .cleaning import AddressCell, clean, holds_phone_number, split_address
from .gazetteer import Match
from .models import Clinic
from .places import place_key as fold

logger = logging.getLogger(__name__)

SUFFIXES = (".xlsx", ".csv")

# How far down a sheet or CSV its header row may be (the workbook's is on row 2).
HEADER_SEARCH_ROWS = 10

# Header spellings, folded by `fold`: `Hospital Name`, `clinic_name`, `NAME` ...
COLUMNS = {
    "name": {"name", "hospitalname", "clinicname", "facilityname", "hospital", "clinic"},
    "state": {"state", "statename"},
    "lga": {"lga", "lgas", "lganame", "localgovernmentarea", "localgovernment"},
    "address": {"address", "clinicaddress", "hospitaladdress"},
    "landmark": {"landmark", "nearestlandmark"},
    "phone": {"phone", "phonenumber", "telephone", "tel", "phoneno"},
}

_MAX_LENGTH = {
    "name": Clinic._meta.get_field("clinic_name").max_length,
    "state": Clinic._meta.get_field("state").max_length,
    "lga": Clinic._meta.get_field("lga").max_length,
    "landmark": Clinic._meta.get_field("landmark").max_length,
    "phone": Clinic._meta.get_field("phone_number").max_length,
}


class ClinicFileError(Exception):
    """The file cannot be imported; the message says why and how to fix it."""


@dataclass
class ClinicRow:
    """One row that names a clinic, cleaned; `where` says where it was (for the report)."""

    where: str
    sheet: str
    name: str
    state: Match
    lga: Match
    address: str | None = None
    landmark: str | None = None
    phone: str | None = None
    # The address came from a `Name,Address[,Landmark]` cell, whose parts can be told apart.
    separable: bool = False
    # The address cell held a contact line (a phone number), which was not kept.
    withheld: bool = False

    @property
    def triple(self):
        return (fold(self.name), fold(self.state.name), fold(self.lga.name))


@dataclass
class RowNote:
    """Where a row is, and what became of it; `attention` marks a clinic that was refused (a
    person should look), as opposed to a row that holds none."""

    where: str
    reason: str
    attention: bool = False


@dataclass
class Reading:
    """What a file held: the rows naming clinics, and the rows that could not be used."""

    rows: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    # Rows imported with a value left out, and why.
    notes: list = field(default_factory=list)


@dataclass
class ClinicEntry:
    """One clinic as the file describes it, from one or more rows."""

    name: str
    state: Match
    lga: Match
    address: str | None
    landmark: str | None
    phone: str | None
    rows: list
    branch: bool = False

    @property
    def triple(self):
        return (fold(self.name), fold(self.state.name), fold(self.lga.name))

    @property
    def withheld(self):
        return self.address is None and any(row.withheld for row in self.rows)

    @property
    def unmatched(self):
        """Why the state or LGA was not found in the gazetteer; empty when both were."""
        if self.state.known is False:
            return "state not known"
        if self.lga.known is False:
            return "LGA not in the gazetteer"
        return ""

    def where(self):
        return ", ".join(row.where for row in self.rows)


def read_clinic_file(path, *, gazetteer, progress=None):
    """Read a `.xlsx` or `.csv` list of clinics; raises `ClinicFileError` when it cannot.

    `progress`, when given, is called with (done, total) after each sheet of a workbook.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ClinicFileError(
            f"{path.name} is neither a .xlsx workbook nor a .csv file. Save it as one of "
            "those (in Excel: File > Save As > Excel Workbook, or CSV UTF-8)."
        )
    if not path.is_file():
        raise ClinicFileError(f"There is no file {path}. Check the path.")

    if suffix == ".csv":
        reading = _read_csv(path, gazetteer)
    else:
        reading = _read_workbook(path, gazetteer, progress)

    if not reading.rows and not reading.skipped:
        raise ClinicFileError(
            f"{path.name} holds no clinics. Give a file with a row per clinic under a header "
            "naming the name, state and LGA columns."
        )
    logger.info(
        "read %s: %s clinic rows, %s skipped", path.name, len(reading.rows), len(reading.skipped)
    )
    return reading


def group_clinics(rows):
    """Merge the rows that describe one clinic; the clinics in the order first met."""
    groups = {}
    for row in rows:
        groups.setdefault(row.triple, []).append(row)

    entries = []
    for group in groups.values():
        if not _has_branches(group):
            entries.append(_merge(group, branch=False))
            continue
        branches = {}
        for row in group:
            branches.setdefault(fold(row.address or ""), []).append(row)
        entries.extend(_merge(rows, branch=True) for rows in branches.values())
    return entries


def _has_branches(group):
    """Whether one sheet lists this clinic on rows with different addresses."""
    addresses = {}
    for row in group:
        if row.address:
            addresses.setdefault(row.sheet, set()).add(fold(row.address))
    return any(len(found) > 1 for found in addresses.values())


def _merge(rows, *, branch):
    """One clinic from its rows: the first row's name and places; the address and landmark of
    the first row whose parts could be told apart, else of the first row that has an address."""
    first = rows[0]
    with_address = [row for row in rows if row.address]
    source = next((row for row in with_address if row.separable), None)
    source = source or (with_address[0] if with_address else first)
    # A row repeating that address may add the landmark the chosen one lacks (`N/A`).
    landmarks = (
        row.landmark for row in rows if fold(row.address or "") == fold(source.address or "")
    )
    return ClinicEntry(
        name=first.name,
        state=first.state,
        lga=first.lga,
        address=source.address,
        landmark=source.landmark or next(filter(None, landmarks), None),
        phone=next((row.phone for row in rows if row.phone), None),
        rows=rows,
        branch=branch,
    )


# --- CSV files ----------------------------------------------------------------------------


def _read_csv(path, gazetteer):
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ClinicFileError(
            f"{path.name} is not UTF-8 text. Save it again as CSV UTF-8 (in Excel: File > "
            "Save As > CSV UTF-8), or give the .xlsx workbook."
        ) from exc
    except OSError as exc:
        raise ClinicFileError(
            f"Cannot read {path}: {exc.strerror}. Check its permissions."
        ) from exc
    if not text.strip():
        raise ClinicFileError(
            f"{path.name} is empty. Give a CSV with a header line (name, state, LGA, address) "
            "and a line per clinic."
        )

    # Commas, or the semicolons and tabs that some spreadsheets write instead.
    for delimiter in (",", ";", "\t"):
        try:
            lines = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        except csv.Error as exc:
            raise ClinicFileError(
                f"Cannot read {path.name} as CSV ({exc}). Export it again from the spreadsheet."
            ) from exc
        header = _find_header(lines)
        if header:
            break
    else:
        raise ClinicFileError(_missing_columns(path.name, list(csv.reader(io.StringIO(text)))))

    reading = Reading()
    number, columns = header
    for line_number, cells in enumerate(lines[number + 1 :], start=number + 2):
        _read_table_row(reading, cells, columns, f"row {line_number}", path.name, gazetteer)
    return reading


# --- Workbooks ----------------------------------------------------------------------------

_UNREADABLE = (
    OSError,
    EOFError,
    KeyError,
    ValueError,
    TypeError,
    ParseError,
    zipfile.BadZipFile,
    InvalidFileException,
)


def _read_workbook(path, gazetteer, progress):
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except _UNREADABLE as exc:
        raise _unreadable(path, exc) from exc
    try:
        return _read_sheets(path, workbook, gazetteer, progress)
    except _UNREADABLE as exc:
        raise _unreadable(path, exc) from exc
    finally:
        workbook.close()


def _unreadable(path, exc):
    return ClinicFileError(
        f"Cannot read {path.name} as an Excel workbook ({type(exc).__name__}). Open it in a "
        "spreadsheet program and save it again as .xlsx, or export the clinics as CSV."
    )


def _read_sheets(path, workbook, gazetteer, progress):
    reading = Reading()
    sheets = workbook.worksheets
    for done, sheet in enumerate(sheets, start=1):
        lines = [list(cells) for cells in sheet.iter_rows(values_only=True)]
        header = _find_header(lines)
        state = gazetteer.state(clean(sheet.title) or "")

        if header:
            number, columns = header
            for row_number, cells in enumerate(lines[number + 1 :], start=number + 2):
                where = f"sheet {sheet.title!r} row {row_number}"
                _read_table_row(reading, cells, columns, where, sheet.title, gazetteer)
        elif state.known:
            _read_state_sheet(reading, sheet.title, lines, state, gazetteer)
        elif any(clean(cell) for cells in lines for cell in cells):
            raise ClinicFileError(
                _missing_columns(
                    f"Sheet {sheet.title!r} of {path.name} is not named after a state and",
                    lines,
                )
            )
        if progress:
            progress(done, len(sheets))
    return reading


def _read_state_sheet(reading, title, lines, state, gazetteer):
    """A sheet of one state: row 1 a header (its wording varies), then column A the LGA and
    column B `Name,Address[,Landmark]`."""
    for row_number, cells in enumerate(lines[1:], start=2):
        cells = [*cells, None, None]
        where = f"sheet {title!r} row {row_number}"
        lga_text, cell = clean(cells[0]), clean(cells[1])
        if cell is None:
            if lga_text is not None or any(clean(value) for value in cells[2:]):
                reading.skipped.append(RowNote(where, "no clinic in column B"))
            continue
        if lga_text is None:
            reading.skipped.append(RowNote(where, "no LGA in column A"))
            continue

        name = cell.partition(",")[0].strip()
        if not fold(name):
            reading.skipped.append(RowNote(where, "no clinic name before the first comma"))
            continue
        lga = gazetteer.lga(state.name, lga_text)
        if not _fits(reading, where, name=name, lga=lga.name):
            continue
        parts = split_address(cell, name=name, places=(state.name, lga.name, lga_text))
        reading.rows.append(
            ClinicRow(
                where,
                title,
                name,
                state,
                lga,
                address=parts.address,
                landmark=parts.landmark,
                separable=parts.separable,
                withheld=parts.withheld,
            )
        )


# --- Tables with a header row -------------------------------------------------------------


REQUIRED = ("name", "state", "lga")
_LABELS = {"name": "name", "state": "state", "lga": "LGA"}


def _find_header(lines):
    """(row index, {column name: position}) of the first header naming name, state and LGA."""
    for number, cells in enumerate(lines[:HEADER_SEARCH_ROWS]):
        columns = _columns(cells)
        if set(REQUIRED) <= columns.keys():
            return number, columns
    return None


def _columns(cells):
    columns = {}
    for position, cell in enumerate(cells):
        label = fold(clean(cell) or "")
        for column, spellings in COLUMNS.items():
            if label in spellings and column not in columns:
                columns[column] = position
    return columns


def _missing_columns(subject, lines):
    """The error for a table without its header: which columns the likeliest header row lacks."""
    rows = [_columns(cells).keys() for cells in lines[:HEADER_SEARCH_ROWS]]
    found = max(rows, key=len, default=set())
    missing = [_LABELS[column] for column in REQUIRED if column not in found]
    named = " and ".join([", ".join(missing[:-1]), missing[-1]] if len(missing) > 1 else missing)
    return (
        f"{subject} has no header row with a {named} column in its first "
        f"{HEADER_SEARCH_ROWS} rows. Add or rename the header cells, e.g. "
        "`Hospital Name,State,LGA,Address`."
    )


def _read_table_row(reading, cells, columns, where, sheet, gazetteer):
    values = dict.fromkeys(COLUMNS)
    for column, position in columns.items():
        values[column] = clean(cells[position]) if position < len(cells) else None
    if not any(clean(cell) for cell in cells):
        return
    missing = [_LABELS[column] for column in REQUIRED if values[column] is None]
    if missing:
        reading.skipped.append(RowNote(where, f"no {' or '.join(missing)}"))
        return

    name = values["name"]
    if not fold(name):
        reading.skipped.append(RowNote(where, "no letter or digit in the name"))
        return
    state = gazetteer.state(values["state"])
    lga = gazetteer.lga(state.name, values["lga"])
    if not _fits(reading, where, name=name, state=state.name, lga=lga.name):
        return

    # With a landmark column, the address cell is all address.
    has_landmark = "landmark" in columns
    parts = AddressCell(None, None, has_landmark, False)
    if values["address"]:
        parts = split_address(
            values["address"],
            name=name,
            places=(state.name, lga.name, values["lga"], values["state"]),
            separable=False if has_landmark else None,
        )
    landmark = parts.landmark or (None if parts.withheld else values["landmark"])
    if landmark and holds_phone_number(landmark):
        reading.notes.append(RowNote(where, "landmark holds a phone number, left out"))
        landmark = None
    address = parts.address
    if landmark and len(landmark) > _MAX_LENGTH["landmark"]:
        address, landmark = ", ".join(filter(None, [address, landmark])), None

    phone = values["phone"]
    if phone and len(phone) > _MAX_LENGTH["phone"]:
        reading.notes.append(RowNote(where, "phone number too long to store, left out"))
        phone = None

    reading.rows.append(
        ClinicRow(
            where,
            sheet,
            name,
            state,
            lga,
            address=address,
            landmark=landmark,
            phone=phone,
            separable=parts.separable or has_landmark,
            withheld=parts.withheld,
        )
    )


def _fits(reading, where, **values):
    """Whether the values fit their columns; a row that does not is skipped, not cut short."""
    for column, value in values.items():
        if len(value) > _MAX_LENGTH[column]:
            reading.skipped.append(
                RowNote(
                    where,
                    f"{column} longer than {_MAX_LENGTH[column]} characters",
                    attention=True,
                )
            )
            return False
    return True
