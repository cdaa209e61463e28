"""The statutory return and the board's quarterly report."""

from django.urls import path

from onestory.returns.views import board, statutory

app_name = "returns"

urlpatterns = [
    path("", statutory.index, name="index"),
    path("workbook/", statutory.workbook, name="workbook"),
    path("csv/", statutory.csv_file, name="csv"),
    path("records/", statutory.records, name="records"),
    path("answers/", statutory.answers, name="answers"),
    path("mandatory/", statutory.mandatory, name="mandatory"),
    path("check/", statutory.check, name="check"),
    path("board/", board.dashboard, name="board"),
    path("board/workbook/", board.board_workbook, name="board-workbook"),
    path("board/csv/", board.board_csv, name="board-csv"),
    path("board/pdf/", board.board_pdf, name="board-pdf"),
]
