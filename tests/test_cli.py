"""The CLI as a whole: help, python -m, predict, evaluate, train."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from complaintkit.cli import main

SUBCOMMANDS = ("score", "train", "evaluate", "predict")


def test_help_lists_subcommands(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for sub in SUBCOMMANDS:
        assert sub in out


def test_python_dash_m():
    res = subprocess.run(
        [sys.executable, "-m", "complaintkit", "--help"], capture_output=True, text=True, check=True
    )
    for sub in SUBCOMMANDS:
        assert sub in res.stdout


def test_predict(capsys):
    assert main(["predict", "--explain", "Ненавижу вас", "Подскажите часы работы"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len([ln for ln in lines if not ln.startswith("\t")]) == 2
    assert any("что делать" in ln for ln in lines)


def test_evaluate_json_on_tsv(tmp_path, capsys):
    p = tmp_path / "dev.tsv"
    p.write_text("constructive\tНе работает приложение с утра\nother\tСпасибо!\n", encoding="utf-8")
    assert main(["evaluate", str(p), "--json"]) == 0
    [report] = json.loads(capsys.readouterr().out)
    assert report["name"] == "model" and 0 <= report["accuracy"] <= 1
    assert report["per_label"]["constructive"]["support"] == 1


def test_evaluate_with_baselines(root, tmp_path, capsys):
    p = tmp_path / "dev.tsv"
    p.write_text("impulsive\tНенавижу вас\nother\tСпасибо!\n", encoding="utf-8")
    data = str(root / "data" / "comments.csv")
    assert main(["evaluate", str(p), "--baselines", "--train-data", data, "--json"]) == 0
    names = [r["name"] for r in json.loads(capsys.readouterr().out)]
    assert names == ["model", "majority", "keyword_rules", "plain_tfidf"]


def test_untrusted_model_refused(small_model, tmp_path, capsys):
    path = small_model.save(tmp_path / "m.joblib")
    assert main(["predict", "--model", str(path), "текст"]) == 1
    assert "trusted" in capsys.readouterr().err
    assert main(["predict", "--model", str(path), "--trust-model", "текст"]) == 0


def test_train_small_corpus(tmp_path, corpus):
    sample = corpus.groupby("label").head(30)
    data = tmp_path / "c.csv"
    sample.to_csv(data, index=False)
    assert main(["train", str(data), "-o", str(tmp_path / "m.joblib")]) == 0
    assert (tmp_path / "m.joblib").stat().st_size > 0
