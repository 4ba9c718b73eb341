"""``python -m complaintkit``: the same CLI as the ``complaintkit`` command."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
