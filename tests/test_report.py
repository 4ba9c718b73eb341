"""Tables and charts of complaintkit.report on a small hand-made scored frame (no model)."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from complaintkit import LABELS, RESPONSES
from complaintkit import report as rp
from complaintkit.api import Analysis
from complaintkit.errors import LabelError, MissingExtraError
from complaintkit.evaluate import evaluate_predictions

TEXT = "Текст комментария"
# ID, date, channel, text, predicted type, confidence
ROWS = [
    ("1", "01.10.2026 09:00", "VK", "Заказ 58213 привезли холодным", "constructive", 0.90),
    ("2", "01.10.2026 10:00", "VK", "Как же вы надоели", "impulsive", 0.80),
    (
        "3",
        "02.10.2026 11:00",
        "Telegram",
        "В СытоЕде лучше, код SYTO30",
        "competitor_planted",
        0.70,
    ),
    ("4", "03.10.2026 12:00", "VK", "Только лохи тут едят!!!", "troll", 0.95),
    ("5", "05.10.2026 13:00", "2ГИС", "Опять всё раскупили за час", "hidden_praise", 0.60),
    ("6", "08.10.2026 14:00", "Telegram", "Подскажите, до скольки работаете?", "other", 0.99),
    ("7", "08.10.2026 15:00", "VK", "Курьер опоздал на час, заказ 59102", "constructive", 0.97),
    ("8", "не дата", "", "Баллы за заказ 60012 не пришли", "constructive", 0.55),
    ("9", "06.10.2026 10:00", "VK", "?", "other", 0.999),
]


def make_scored(rows: list[tuple] = ROWS) -> pd.DataFrame:
    df = pd.DataFrame(
        rows, columns=["ID", "Дата", "Площадка", TEXT, "complaint_type", "confidence"]
    )
    df["priority"] = [RESPONSES[t].priority for t in df["complaint_type"]]
    df["recommended_action"] = [RESPONSES[t].action for t in df["complaint_type"]]
    df.index = [10 * i for i in range(len(df))]  # a non-default index must survive
    return df


@pytest.fixture
def scored() -> pd.DataFrame:
    return make_scored()


@pytest.fixture
def plt():
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    yield plt
    plt.close("all")


# -- reading -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "sep"), [("cp1251", ";"), ("utf-8-sig", ","), ("utf-8", "\t")]
)
def test_read_export_detects_format_and_keeps_strings(tmp_path, encoding, sep):
    src = pd.DataFrame(
        {"ID": ["00123", "00124"], "Дата публикации": ["03.10.2026 14:22", ""],
         TEXT: ["Заказ №5; привезли «не то»", 'Она сказала: "ждите"\nи ушла']}
    )  # fmt: skip
    path = tmp_path / "export.csv"
    src.to_csv(path, sep=sep, index=False, encoding=encoding)
    out = rp.read_export(path)
    assert list(out.columns) == list(src.columns)
    assert out.to_dict("records") == src.to_dict("records")  # ids, blanks, quotes intact


def test_read_export_header_only(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes("ID;Текст комментария\n".encode("cp1251"))
    out = rp.read_export(path)
    assert out.empty and list(out.columns) == ["ID", TEXT]


# -- tables ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "counts"),
    [
        (ROWS, [3, 1, 1, 1, 1, 2]),
        (ROWS[:2], [1, 1, 0, 0, 0, 0]),
        ([], [0, 0, 0, 0, 0, 0]),
    ],
)
def test_label_shares(rows, counts):
    shares = rp.label_shares(make_scored(rows))
    assert list(shares.index) == list(LABELS)
    assert shares["count"].tolist() == counts
    assert shares["share"].sum() == pytest.approx(1.0 if rows else 0.0)
    assert shares.loc["constructive", "russian_name"] == "Конструктивный негатив"
    assert shares["priority"].tolist() == [RESPONSES[lab].priority for lab in LABELS]


def test_label_shares_refuses_unknown_labels_and_unscored_frames(scored):
    with pytest.raises(LabelError, match="spam"):
        rp.label_shares(scored.assign(complaint_type="spam"))
    with pytest.raises(KeyError, match="score_frame"):
        rp.label_shares(scored.drop(columns="complaint_type"))


@pytest.mark.parametrize(
    ("freq", "periods"),
    [
        ("D", [f"2026-10-0{d}" for d in range(1, 9)]),  # quiet days 4 and 7 are there too
        ("W", ["2026-09-28", "2026-10-05"]),  # weeks start on Monday
        ("M", ["2026-10-01"]),
    ],
)
def test_types_over_time(scored, freq, periods):
    with pytest.warns(UserWarning, match="1 of 9 rows"):
        table = rp.types_over_time(scored, "Дата", freq)
    assert list(table.index) == list(pd.to_datetime(periods))
    assert list(table.columns) == list(LABELS)
    assert int(table.to_numpy().sum()) == len(scored) - 1  # the unreadable date is left out
    assert table["constructive"].sum() == 2
    if freq == "D":
        assert table.loc["2026-10-04"].sum() == 0
        assert table.loc["2026-10-08", ["constructive", "other"]].tolist() == [1, 1]


def test_types_over_time_all_dates_unreadable(scored):
    with pytest.warns(UserWarning):
        table = rp.types_over_time(scored.assign(Дата="?"), "Дата")
    assert table.shape == (0, len(LABELS))


@pytest.mark.parametrize("normalize", [False, True])
def test_types_by(scored, normalize):
    table = rp.types_by(scored, "Площадка", normalize=normalize)
    assert list(table.columns) == list(LABELS)
    assert list(table.index[:2]) == ["VK", "Telegram"]  # busiest first
    assert set(table.index) == {"VK", "Telegram", "2ГИС", "(не указано)"}
    if normalize:
        assert table.sum(axis=1).tolist() == pytest.approx([1.0] * 4)
    else:
        assert table.loc["VK"].tolist() == [2, 1, 0, 1, 0, 1]
        assert int(table.to_numpy().sum()) == len(scored)


@pytest.mark.parametrize(
    ("n", "min_priority", "ids"),
    [
        (15, 1, ["7", "1", "8", "2", "3", "5"]),  # priority, then confidence; no troll/other
        (2, 1, ["7", "1"]),
        (15, 3, ["7", "1", "8", "2"]),
        (15, 0, ["7", "1", "8", "2", "3", "5", "9", "6", "4"]),
    ],
)
def test_answer_first(scored, n, min_priority, ids):
    table = rp.answer_first(scored, n, columns=["ID", "Площадка"], min_priority=min_priority)
    assert table["ID"].tolist() == ids
    assert list(table.columns[:3]) == ["ID", "Площадка", TEXT]
    for col in ("complaint_type", "priority", "confidence", "recommended_action", "reply_draft"):
        assert col in table.columns
    first = table.iloc[0]
    assert first["reply_draft"] == RESPONSES["constructive"].reply_draft
    assert first["recommended_action"] == RESPONSES["constructive"].action
    assert table.index[0] == 60  # the original index is kept


def test_answer_first_without_priority_columns(scored):
    bare = scored.drop(columns=["priority", "recommended_action"])
    table = rp.answer_first(bare, 3)
    assert table["priority"].tolist() == [4, 4, 4]
    assert table["recommended_action"].iloc[0] == RESPONSES["constructive"].action


@pytest.mark.parametrize(
    ("n", "min_chars", "ids"),
    [
        (1, 10, ["7", "2", "3", "4", "5", "6"]),
        (2, 10, ["7", "1", "2", "3", "4", "5", "6"]),
        (1, 1, ["7", "2", "3", "4", "5", "9"]),  # the lone "?" is the surest "other"
    ],
)
def test_examples_by_type(scored, n, min_chars, ids):
    table = rp.examples_by_type(scored, n, min_chars=min_chars)
    assert table["ID"].tolist() == ids


def test_analyses_table():
    a = Analysis(
        text="Заказ 5 привезли холодным", label="constructive", confidence=0.876,
        probabilities=dict.fromkeys(LABELS, 1 / 6),
        cues=(("cue:concrete_detail", 2.0), ("word:заказ", 0.5), ("plain", 0.1)),
        priority=4, priority_name="срочно", action="…", reply_draft=None,
        russian_name="Конструктивный негатив",
    )  # fmt: skip
    table = rp.analyses_table([a, a], max_cues=2)
    assert table.shape == (2, 6)
    assert table.loc[0, "cues"] == "concrete_detail, «заказ»"
    assert table.loc[0, "confidence"] == 0.88
    assert rp.analyses_table([]).shape == (0, 6)


def test_top_confusions():
    gold = ["constructive"] * 4 + ["other"] * 3 + ["troll"]
    pred = [
        "constructive",
        "other",
        "other",
        "impulsive",
        "constructive",
        "other",
        "other",
        "troll",
    ]
    table = rp.top_confusions(evaluate_predictions("x", gold, pred), n=5)
    assert table.to_dict("list") == {
        "true": ["constructive", "constructive", "other"],
        "predicted": ["other", "impulsive", "constructive"],
        "count": [2, 1, 1],
        "share_of_true": [0.5, 0.25, pytest.approx(1 / 3)],
    }
    assert len(rp.top_confusions(evaluate_predictions("x", gold, pred), n=1)) == 1
    assert rp.top_confusions(evaluate_predictions("x", gold, gold)).empty


def test_own_replies():
    frame = pd.DataFrame({"Автор": ["ВкусноДом", "вкусноДом | Поддержка", "Марина", None]})
    assert rp.own_replies(frame, "Автор", "ВкусноДом").tolist() == [True, True, False, False]


# -- plots -------------------------------------------------------------------------


def test_plot_shares(plt, scored):
    ax = rp.plot_shares(rp.label_shares(scored))
    assert len(ax.patches) == len(LABELS)
    assert [t.get_text() for t in ax.get_yticklabels()] == [rp.russian_name(x) for x in LABELS]
    assert "33% (3)" in [t.get_text() for t in ax.texts]


@pytest.mark.filterwarnings("ignore:1 of 9 rows")
@pytest.mark.parametrize(("rows", "lines"), [(ROWS, 6), (ROWS[:2], 2)])
@pytest.mark.parametrize("share", [False, True])
def test_plot_over_time(plt, rows, lines, share):
    table = rp.types_over_time(make_scored(rows), "Дата")
    ax = rp.plot_over_time(table, share=share)
    assert len(ax.get_lines()) == lines  # one per label that occurs
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[0] == "Конструктивный негатив"


@pytest.mark.parametrize("normalize", [False, True])
def test_plot_by(plt, scored, normalize):
    table = rp.types_by(scored, "Площадка")
    _, ax = plt.subplots()
    assert rp.plot_by(table, ax, normalize=normalize) is ax
    assert len(ax.patches) == table.shape[0] * table.shape[1]
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert ticks[0] == ("VK (5)" if normalize else "VK")


@pytest.mark.parametrize(("threshold", "vlines"), [(0.5, 1), (None, 0)])
def test_plot_confidence(plt, scored, threshold, vlines):
    ax = rp.plot_confidence(scored, threshold=threshold, bins=10)
    assert len(ax.containers) == len(LABELS)  # one stacked layer per label present
    assert sum(p.get_height() for c in ax.containers for p in c) == len(scored)
    assert len(ax.get_lines()) == vlines


@pytest.mark.parametrize("normalize", [False, True])
def test_plot_confusion(plt, normalize):
    gold = ["constructive", "constructive", "other", "troll"]
    pred = ["constructive", "other", "other", "troll"]
    report = evaluate_predictions("тест", gold, pred)
    ax = rp.plot_confusion(report, normalize=normalize)
    texts = [t.get_text() for t in ax.texts]
    assert len(texts) == len(LABELS) ** 2
    assert texts[0] == ("50%" if normalize else "1")
    assert len(ax.get_xticklabels()) == len(LABELS)
    assert "accuracy 0.75" in ax.get_title()


def test_plots_name_the_extra_when_matplotlib_is_missing(monkeypatch, scored):
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)  # makes the import fail
    with pytest.raises(MissingExtraError, match=r"complaintkit\[notebook\]"):
        rp.plot_shares(rp.label_shares(scored))


def test_importing_report_does_not_import_matplotlib():
    code = "import sys, complaintkit.report; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
