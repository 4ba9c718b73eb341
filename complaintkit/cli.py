"""The ``complaintkit`` command line: score, train, evaluate, predict.

``main(argv=None)`` is the single entry point (console script and ``python -m``); each
subcommand is one function; logging is configured only here.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .errors import ComplaintkitError, InputFileError

if TYPE_CHECKING:
    from .model import ComplaintClassifier

log = logging.getLogger("complaintkit")


def _load(args: argparse.Namespace) -> ComplaintClassifier | None:
    from .persist import load_model

    return load_model(args.model, trusted=args.trust_model) if args.model else None


def cmd_score(args: argparse.Namespace) -> int:
    """Label every row of an export and write it with the added columns."""
    if args.dask:
        return _score_on_dask(args)
    if len(args.input) > 1:
        raise InputFileError(
            f"{len(args.input)} inputs given; without --dask score one file at a time "
            "(or add --dask local to score them all into a directory of part files)"
        )
    from .scoring import score_csv

    summary = score_csv(
        args.input[0],
        args.output,
        jobs=args.jobs,
        chunksize=args.chunksize,
        model=_load(args),
        **_score_options(args),
    )
    if not args.quiet:
        print(summary.line(), file=sys.stderr)
    return 0


def _score_on_dask(args: argparse.Namespace) -> int:
    """``score --dask``: the work is in ``complaintkit.dask.score_files``."""
    from .dask import score_files

    summary = score_files(
        args.input,
        args.output,
        scheduler=args.dask,
        model_path=args.model,
        trusted=args.trust_model,
        workers=args.jobs,
        partition_rows=args.chunksize,
        **_score_options(args),
    )
    if not args.quiet:
        print(summary.line(), file=sys.stderr)
    return 0


def _score_options(args: argparse.Namespace) -> dict[str, Any]:
    """The ``score`` options that ``score_csv`` and ``score_files`` take alike."""
    return {
        "text_column": args.text_column,
        "encoding": args.encoding,
        "sep": args.sep,
        "output_encoding": args.output_encoding,
        "proba": args.proba,
        "progress": False if args.quiet else None,
    }


def cmd_train(args: argparse.Namespace) -> int:
    """Retrain the model from the corpus (deterministic) and save it."""
    from .training import train_from_csv

    model = train_from_csv(args.data, split=None if args.all else "train")
    path = model.save(args.output)
    print(f"saved model to {path}", file=sys.stderr)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Score a labelled file with the model and the baselines."""
    from .evaluate import evaluate_predictions, read_labelled

    df = read_labelled(args.data, split=args.split)
    model = _load(args)
    if model is None:
        from .api import default_model

        model = default_model()
    reports = [evaluate_predictions("model", df["label"], model.predict(df["text"].tolist()))]
    if args.baselines:
        from .baselines import baselines

        train = read_labelled(args.train_data, split="train")
        for name, est in baselines().items():
            est.fit(train["text"].tolist(), train["label"].tolist())
            predicted = est.predict(df["text"].tolist())
            reports.append(evaluate_predictions(name, df["label"], predicted))
    if args.json:
        json.dump([r.to_dict() for r in reports], sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(f"{args.data}: {len(df)} texts")
        for r in reports:
            print(r.text(), end="\n\n")
    return 0


def cmd_predict(args: argparse.Namespace) -> int:
    """Label texts given on the command line (or one per line on stdin)."""
    from .api import analyze

    texts = args.texts or [line.rstrip("\n") for line in sys.stdin if line.strip()]
    for res in analyze(texts, model=_load(args)):
        print(f"{res.label}\t{res.confidence:.2f}\t{res.text}")
        if args.explain:
            print("\tпочему: " + ", ".join(n for n, _ in res.cues))
            print("\tчто делать: " + res.action)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The one parser of the CLI."""
    p = argparse.ArgumentParser(
        prog="complaintkit",
        description="Classify Russian customer comments into complaint types.",
    )
    p.add_argument("--version", action="version", version=f"complaintkit {__version__}")
    p.add_argument("-v", "--verbose", action="store_true", help="show debug logs and tracebacks")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def model_opts(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--model", help="model file (default: $COMPLAINTKIT_MODEL or bundled)")
        sp.add_argument(
            "--trust-model",
            action="store_true",
            help="allow loading a model file that is not the bundled one (pickle)",
        )

    s = sub.add_parser("score", help="label every row of a CSV/TSV/xlsx export")
    s.add_argument(
        "input",
        nargs="+",
        help="export file, or - for standard input (several files or globs: --dask)",
    )
    s.add_argument(
        "-o",
        "--output",
        help="output file, - for stdout (default: INPUT.scored.csv); "
        "with --dask, a directory for part-000.csv ...",
    )
    s.add_argument("--text-column", help="column with the comment text (default: detected)")
    s.add_argument("--encoding", help="input encoding (default: detected UTF-8/BOM/cp1251)")
    s.add_argument("--output-encoding", help="output encoding (default: as the input)")
    s.add_argument("--sep", help="input separator (default: detected , ; or tab)")
    s.add_argument("--jobs", type=int, default=0, help="worker processes (default: all cores)")
    s.add_argument("--proba", action="store_true", help="add one probability column per label")
    s.add_argument("--chunksize", type=int, default=5000, help="rows per chunk (default 5000)")
    s.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary")
    s.add_argument(
        "--dask",
        metavar="SCHEDULER",
        help="score on a Dask cluster (tcp://HOST:8786, or 'local' for --jobs worker "
        "processes here); needs pip install 'complaintkit[dask]'",
    )
    model_opts(s)
    s.set_defaults(func=cmd_score)

    t = sub.add_parser("train", help="retrain the model from the labelled corpus")
    t.add_argument("data", nargs="?", default="data/comments.csv", help="corpus CSV")
    t.add_argument("-o", "--output", default="complaintkit-model.joblib", help="model file")
    t.add_argument("--all", action="store_true", help="train on train and test splits")
    t.set_defaults(func=cmd_train)

    e = sub.add_parser("evaluate", help="per-label scores on a labelled file")
    e.add_argument("data", help="our corpus CSV or a label<TAB>text file")
    e.add_argument("--split", help="only rows of this split (e.g. test)")
    e.add_argument("--json", action="store_true", help="machine-readable output")
    e.add_argument(
        "--baselines",
        action="store_true",
        help="also train and score the baselines (majority, rules, plain TF-IDF)",
    )
    e.add_argument("--train-data", default="data/comments.csv", help="training data for baselines")
    model_opts(e)
    e.set_defaults(func=cmd_evaluate)

    pr = sub.add_parser("predict", help="label texts given as arguments or lines on stdin")
    pr.add_argument("texts", nargs="*", help="texts to label")
    pr.add_argument("--explain", action="store_true", help="show cues and the recommended action")
    model_opts(pr)
    pr.set_defaults(func=cmd_predict)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code (0 ok, 1 bad input, 130 interrupted)."""
    args = build_parser().parse_args(argv)
    level = logging.DEBUG if args.verbose else logging.WARNING
    handler = logging.StreamHandler()
    handler.setLevel(level)  # also for libraries that set their own levels (distributed)
    logging.basicConfig(
        level=level, format="complaintkit: %(levelname)s: %(message)s", handlers=[handler]
    )
    try:
        return int(args.func(args))
    except BrokenPipeError:  # e.g. `complaintkit evaluate ... | head`
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the final flush
        return 0
    except KeyboardInterrupt:
        print("complaintkit: interrupted; no output was written", file=sys.stderr)
        return 130
    except (ComplaintkitError, OSError, ValueError, TypeError) as exc:
        if args.verbose:
            raise
        print(f"complaintkit: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
