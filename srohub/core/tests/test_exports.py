"""Tables as CSV, XLSX and PDF downloads: every text cell safe from spreadsheet formulas."""

import io

from openpyxl import load_workbook

from srohub.core.exports import table_csv, table_pdf, table_xlsx

HEADERS = ["School", "Tips"]
BODY = [["=HYPERLINK(\"http://x\")", 3], ["Kelvin <High> & Co", -2], ["+1 Main", 0]]


def test_csv_and_xlsx_never_hand_a_spreadsheet_a_formula():
    text = table_csv(HEADERS, BODY, "t").content.decode("utf-8-sig")
    assert text.splitlines()[1].startswith("\"'=HYPERLINK(") and "'+1 Main" in text
    assert ",-2" in text  # numbers stay numbers
    sheet = load_workbook(io.BytesIO(table_xlsx(HEADERS, BODY, "t", sheet="A sheet").content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "'=HYPERLINK(\"http://x\")",
        "Kelvin <High> & Co",
        "'+1 Main",
    ]
    assert sheet["B3"].value == -2


def test_a_pdf_prints_markup_characters_as_text():
    response = table_pdf(HEADERS, BODY, "t", title="Tips <by> school")
    assert response["Content-Disposition"] == 'attachment; filename="t.pdf"'
    assert response.content.startswith(b"%PDF")
