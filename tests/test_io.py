"""Reading real exports: encodings, separators, quoting, text column detection."""

from __future__ import annotations

import codecs

import pytest

from complaintkit._io import detect_encoding, detect_format, detect_sep, find_text_column
from complaintkit.errors import InputFileError, TextColumnError

RU = 'Текст отзыва;Дата\n"Курьер опоздал; на час";01.10.2026\n'


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (RU.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + RU.encode("utf-8"), "utf-8-sig"),
        (RU.encode("cp1251"), "cp1251"),
        (b"ascii only,text\n1,2\n", "utf-8"),
        # a multi-byte character cut by the sample boundary is still UTF-8
        (("ж" * 10).encode("utf-8")[:-1], "utf-8"),
    ],
)
def test_detect_encoding(data, expected):
    assert detect_encoding(data) == expected


def test_undecodable_bytes():
    with pytest.raises(InputFileError, match="--encoding"):
        detect_encoding(bytes(range(128, 256)) * 4)


@pytest.mark.parametrize(
    ("sample", "suffix", "expected"),
    [
        ("a;b;c\n1;2;3\n", ".csv", ";"),
        ("a,b,c\n1,2,3\n", ".csv", ","),
        ("a\tb\tc\n1\t2\t3\n", ".txt", "\t"),
        ("anything", ".tsv", "\t"),
        ('text;date\n"a, b, c; d";1\n', ".csv", ";"),
    ],
)
def test_detect_sep(sample, suffix, expected):
    assert detect_sep(sample, suffix) == expected


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (["id", "text", "date"], "text"),
        (["ID", "Текст отзыва", "Дата"], "Текст отзыва"),
        (["Comment text", "Author"], "Comment text"),
        (["message_id", "Message"], "Message"),
        (["Комментарий", "ID комментария"], "Комментарий"),
        (["post_date", "Пост", "likes"], "Пост"),
        (["Отзыв клиента", "Сообщение"], "Отзыв клиента"),
        (["REVIEW"], "REVIEW"),
    ],
)
def test_find_text_column(columns, expected):
    assert find_text_column(columns) == expected


def test_requested_column_case_insensitive():
    assert find_text_column(["Body", "TEXT_RU"], "text_ru") == "TEXT_RU"


def test_missing_column_lists_columns():
    with pytest.raises(TextColumnError, match="'id', 'date'"):
        find_text_column(["id", "date"])
    with pytest.raises(TextColumnError, match="nope"):
        find_text_column(["id", "text"], "nope")


def test_prefers_longer_texts_among_candidates():
    import pandas as pd

    df = pd.DataFrame(
        {"comment": ["ok", "да"], "text": ["длинный текст отзыва", "ещё один длинный"]}
    )
    assert find_text_column(list(df.columns), sample=df) == "text"


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"\x00\x01\x02\x03binary", "binary"), (b"   \n", "empty")],
)
def test_bad_files(tmp_path, content, message):
    p = tmp_path / "x.csv"
    p.write_bytes(content)
    with pytest.raises(InputFileError, match=message):
        detect_format(p)


def test_missing_file(tmp_path):
    with pytest.raises(InputFileError, match="does not exist"):
        detect_format(tmp_path / "nope.csv")
