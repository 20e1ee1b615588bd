"""Benchmark of `swc export` against a loop over `jupyter nbconvert --to html`.

In one run, on the executed notebooks of the demo edition (generated first,
not timed):
  naive - a sequential loop calling `jupyter nbconvert --to html` per notebook;
  ours  - swc_core.export's in-process converter (what `swc export` does after generation);
then the praktijkboek of the demo edition and of a synthetic 60-case edition.

    .venv/bin/python bench/export.py [--notebooks N] [--cases 60]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ruamel.yaml import YAML

from swc_core.answers_file import read_answers
from swc_core.edition import load_edition, open_store
from swc_core.export import HandoutConverter, Selection, plan_books, plan_handouts
from swc_core.export.runner import convert_handout, write_book
from swc_core.generate import generate, generation_parameters
from swc_core.settings import REPO_ROOT

from common import demo_edition, machine


def naive(notebooks: list[Path], out: Path) -> float:
    jupyter = Path(sys.executable).with_name("jupyter")
    t = time.perf_counter()
    for nb in notebooks:
        subprocess.run(
            [
                str(jupyter),
                "nbconvert",
                "--to",
                "html",
                str(nb),
                "--output-dir",
                str(out),
                "--output",
                f"{nb.parent.name}-{nb.stem}",
            ],
            check=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    return time.perf_counter() - t


def synthetic_edition(tmp: Path, edition, cases: int):
    """A copy of the demo edition with ``cases`` participants in teams of five, answers borrowed from the demo."""
    folder = tmp / "sessions" / "groot"
    folder.mkdir(parents=True)
    yaml = YAML()
    spec = yaml.load((edition.folder / "edition.yml").read_text(encoding="utf-8"))
    spec["name"] = "groot"
    spec["content"] = str(REPO_ROOT / "data" / "content")
    spec["participants"] = [
        {
            "id": f"q{i:02d}",
            "name": f"Deelnemer {i:02d}",
            "organisation": "Organisatie",
            "casus": f"Casus {i:02d}",
        }
        for i in range(1, cases + 1)
    ]
    spec["teams"] = [
        {
            "id": f"team-{t:02d}",
            "name": f"Team {t:02d}",
            "captain": f"q{t * 5 - 4:02d}",
            "members": [f"q{i:02d}" for i in range(t * 5 - 4, min(t * 5, cases) + 1)],
        }
        for t in range(1, (cases + 4) // 5 + 1)
    ]
    with open(folder / "edition.yml", "w", encoding="utf-8") as fh:
        yaml.dump(spec, fh)
    from swc_core.settings import Settings

    settings = Settings(sessions_dir=tmp / "sessions")
    big = load_edition("groot", settings)
    by_subject: dict[str, list] = {}
    for subject, key, value in read_answers(REPO_ROOT / "data" / "demo" / "answers.yml", edition):
        if subject in edition.participants:
            by_subject.setdefault(subject, []).append((key, value))
    donors = list(by_subject.values())
    with open_store(big, settings) as store:
        items = [
            (pid, k, v)
            for i, pid in enumerate(big.participants)
            for k, v in donors[i % len(donors)]
        ]
        store.save_many(big.name, items, "bench")
    return big, settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--notebooks", type=int, default=None, help="only the first N notebooks (default: all)"
    )
    parser.add_argument("--cases", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        edition, settings = demo_edition(tmp)
        generated, out = edition.folder / "output", tmp / "ours"
        handouts = plan_handouts(
            edition, Selection(), generated, out, generation_parameters(edition, settings)
        )
        handouts = handouts[: args.notebooks] if args.notebooks else handouts
        print(machine())
        with open_store(edition, settings) as store:
            report = generate(edition, store, [h.job for h in handouts], generated, progress=False)
        assert not report.failed, [r.failure for r in report.failed]
        n = len(handouts)
        print(
            f"{n} executed notebooks of the demo edition (generated in {report.seconds:.1f} s, not counted)\n"
        )
        (tmp / "naive").mkdir()
        t_naive = naive([h.job.output for h in handouts], tmp / "naive")
        print(
            f"naive `jupyter nbconvert --to html` loop: {t_naive:.1f} s  ({t_naive / n:.2f} s/handout)"
        )
        t = time.perf_counter()
        converter = HandoutConverter()
        for handout in handouts:
            convert_handout(converter, edition, handout, True)
        t_ours = time.perf_counter() - t
        size = sum(h.target.stat().st_size for h in handouts) / n / 2**20
        print(
            f"swc export (in process, one exporter): {t_ours:.1f} s  ({t_ours / n * 1000:.0f} ms/handout, "
            f"{size:.1f} MiB/handout with plotly.js inline)"
        )
        print(f"\nratio naive/ours: {t_naive / t_ours:.1f}x\n")
        with open_store(edition, settings) as store:
            book = plan_books(edition, Selection(), out)[0]
            t = time.perf_counter()
            write_book(converter, edition, store, book)
            print(
                f"praktijkboek demo ({len(edition.participants)} cases): {time.perf_counter() - t:.1f} s"
            )
        big, big_settings = synthetic_edition(tmp, edition, args.cases)
        with open_store(big, big_settings) as store:
            book = plan_books(big, Selection(), tmp / "groot")[0]
            t = time.perf_counter()
            write_book(converter, big, store, book)
            print(
                f"praktijkboek synthetic ({len(big.participants)} cases): {time.perf_counter() - t:.1f} s, "
                f"{book.target.stat().st_size / 2**20:.1f} MiB"
            )


if __name__ == "__main__":
    main()
