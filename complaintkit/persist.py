"""Saving and loading models, with version metadata and a trust check.

A model file is a pickle, which is code: loading one runs whatever it contains. So
``load_model`` opens only the model bundled inside the package, or a file the caller
explicitly marks ``trusted=True`` (or, through the environment, with
``COMPLAINTKIT_MODEL_TRUSTED=1`` next to ``COMPLAINTKIT_MODEL``).
"""

from __future__ import annotations

import os
import tempfile
import warnings
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import joblib
import sklearn

from ._version import __version__
from .errors import LabelError, ModelLoadError, UntrustedModelError
from .labels import LABELS

if TYPE_CHECKING:
    from .model import ComplaintClassifier

__all__ = ["FORMAT_VERSION", "bundled_model_path", "load_model", "resolve_model_path", "save_model"]

FORMAT_VERSION = 2  # 2: cue features from word lists (session 2); 1 files must be retrained
ENV_MODEL = "COMPLAINTKIT_MODEL"
ENV_TRUSTED = "COMPLAINTKIT_MODEL_TRUSTED"
_BUNDLED_NAME = "complaintkit-model.joblib"


def bundled_model_path() -> Path:
    """Path of the model shipped inside the package."""
    return Path(str(resources.files("complaintkit") / "resources" / _BUNDLED_NAME))


def resolve_model_path(path: str | os.PathLike[str] | None = None) -> tuple[Path, bool]:
    """Return ``(path, trusted_by_environment)``: explicit path, then env var, then bundled."""
    if path is not None:
        return Path(path), False
    env = os.environ.get(ENV_MODEL)
    if env:
        return Path(env), os.environ.get(ENV_TRUSTED, "") == "1"
    return bundled_model_path(), True


def save_model(model: ComplaintClassifier, path: str | os.PathLike[str]) -> Path:
    """Write ``model`` with metadata, atomically (a temporary file renamed into place)."""
    model._check_fitted()
    if sorted(str(c) for c in model.classes_) != sorted(LABELS):
        raise LabelError(
            f"model classes {list(model.classes_)} are not complaintkit's labels {LABELS}; "
            "only a model trained on those can be saved and loaded"
        )
    path = Path(path)
    payload = {
        "format_version": FORMAT_VERSION,
        "complaintkit_version": __version__,
        "sklearn_version": sklearn.__version__,
        "labels": tuple(LABELS),
        "classes": tuple(str(c) for c in model.classes_),
        "model": model,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        joblib.dump(payload, tmp, compress=("zlib", 6))
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def load_model(
    path: str | os.PathLike[str] | None = None, *, trusted: bool = False
) -> ComplaintClassifier:
    """Load a model: ``path``, else ``$COMPLAINTKIT_MODEL``, else the bundled model.

    A file other than the bundled model is refused unless ``trusted=True``, because
    unpickling it can run arbitrary code. The format version and label set stored in
    the file are checked; a different scikit-learn version gives a warning.
    """
    resolved, env_trusted = resolve_model_path(path)
    is_bundled = _same_file(resolved, bundled_model_path())
    if not (trusted or env_trusted or is_bundled):
        raise UntrustedModelError(
            f"refusing to load model file {str(resolved)!r}: a model file is a pickle and "
            "loading it can run code. If you made this file or trust its source, call "
            f"load_model(path, trusted=True) (CLI: --trust-model; environment: {ENV_TRUSTED}=1)"
        )
    if not resolved.is_file():
        hint = (
            " The package was installed without its bundled model; reinstall complaintkit "
            "or run `complaintkit train` to build one."
            if is_bundled
            else ""
        )
        raise ModelLoadError(f"model file {str(resolved)!r} does not exist.{hint}")
    try:
        payload = joblib.load(resolved)
    except Exception as exc:
        raise ModelLoadError(
            f"model file {str(resolved)!r} could not be read ({type(exc).__name__}: {exc}); "
            "it is not a complaintkit model or it is damaged"
        ) from exc
    return _check_payload(payload, resolved)


def _check_payload(payload: Any, where: Path) -> ComplaintClassifier:
    from .model import ComplaintClassifier

    if not isinstance(payload, dict) or "format_version" not in payload:
        raise ModelLoadError(f"{str(where)!r} is not a complaintkit model file (no metadata)")
    if payload["format_version"] != FORMAT_VERSION:
        raise ModelLoadError(
            f"{str(where)!r} has model format {payload['format_version']}, this complaintkit "
            f"{__version__} reads format {FORMAT_VERSION}; retrain with `complaintkit train`"
        )
    if tuple(payload.get("labels", ())) != tuple(LABELS):
        raise ModelLoadError(
            f"{str(where)!r} was trained for labels {payload.get('labels')}, "
            f"this complaintkit uses {LABELS}; retrain with `complaintkit train`"
        )
    if payload.get("sklearn_version") != sklearn.__version__:
        warnings.warn(
            f"model {str(where)!r} was saved with scikit-learn {payload.get('sklearn_version')}, "
            f"running {sklearn.__version__}; predictions may differ slightly. "
            "Retrain with `complaintkit train` to silence this.",
            stacklevel=3,
        )
    model = payload["model"]
    if not isinstance(model, ComplaintClassifier):
        raise ModelLoadError(f"{str(where)!r} holds a {type(model).__name__}, not a classifier")
    return model


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
