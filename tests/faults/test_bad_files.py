"""The bad-file zoo: truncated, mis-encoded, nested, entity bombs, huge fields, CR-only line
ends, byte-order marks, for every RDF format, every importer, tie sheets and query files.

Each file ends one of two ways: read (what it states is in the store, every row accounted for),
or refused with one paragraph naming the file (and line) and the store exactly as it was.
Nothing half-written, no traceback, no memory exhausted: what would take more than the limits
(``diplograph.store.files``) is refused before any parser reads it.

Campaign cases: a truncated RDF/XML file (no closing tag) loaded with exit 0; a 754-byte
billion-laughs RDF/XML file aborted the process on a 4.8 GB allocation; nested JSON-LD took
quadratic memory (300 KB: 3.3 GB; 1.1 MB: abort); CSV with CR-only line ends, UTF-16 or binary
garbage, a field over 131,072 characters, ``confidence=nan`` in a tie sheet and a ``.rq`` that is
not UTF-8 ended in tracebacks (and one bad file stopped a multi-file import with no report).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import pytest

from diplograph.errors import DataError, DataWarning, DiplographError
from diplograph.importers import DATASETS, import_files
from diplograph.store import Store, open_store
from diplograph.store.parsing import MAX_JSONLD_DEPTH, MAX_XML_DEPTH

from ..conftest import REPOSITORY
from .conftest import SHARED_DATA, diplograph

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

#: a small valid file of each RDF format (the same two triples), by suffix
GOOD_RDF = {
    ".ttl": '@prefix ex: <http://example.org/> .\nex:a ex:p "one" ; ex:q ex:b .\n',
    ".nt": '<http://example.org/a> <http://example.org/p> "one" .\n'
    "<http://example.org/a> <http://example.org/q> <http://example.org/b> .\n",
    ".nq": '<http://example.org/a> <http://example.org/p> "one" <http://example.org/g> .\n'
    "<http://example.org/a> <http://example.org/q> <http://example.org/b> "
    "<http://example.org/g> .\n",
    ".trig": '@prefix ex: <http://example.org/> .\nex:g { ex:a ex:p "one" ; ex:q ex:b . }\n',
    ".jsonld": '{"@id": "http://example.org/a", "http://example.org/p": "one", '
    '"http://example.org/q": {"@id": "http://example.org/b"}}\n',
    ".rdf": f'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="{RDF_NS}" '
    'xmlns:ex="http://example.org/">\n  <rdf:Description rdf:about="http://example.org/a">\n'
    '    <ex:p>one</ex:p>\n    <ex:q rdf:resource="http://example.org/b"/>\n'
    "  </rdf:Description>\n</rdf:RDF>\n",
}


def _bomb() -> str:
    """A billion laughs: ten entities each ten times the last, 10^9 "lol"s from ~1 KB."""
    entities = '<!ENTITY lol "lol">\n' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n{entities}]>\n'
        f'<rdf:RDF xmlns:rdf="{RDF_NS}" xmlns:ex="http://example.org/">'
        '<rdf:Description rdf:about="http://example.org/a"><ex:p>&lol9;</ex:p>'
        "</rdf:Description></rdf:RDF>\n"
    )


#: hostile RDF: (name, suffix, content, what a user sees when it is refused; None: it loads)
HOSTILE_RDF: list[tuple[str, str, str | bytes, str | None]] = [
    ("truncated-rdfxml-no-close", ".rdf", GOOD_RDF[".rdf"].rsplit("</rdf:RDF>", 1)[0], "RDF/XML"),
    (  # cut between two elements of a description: a well-formed start, no end
        "truncated-rdfxml-mid-element",
        ".rdf",
        GOOD_RDF[".rdf"][: GOOD_RDF[".rdf"].index("<ex:q")],
        "RDF/XML",
    ),
    (  # cut inside a literal
        "truncated-rdfxml-mid-text",
        ".rdf",
        GOOD_RDF[".rdf"][: GOOD_RDF[".rdf"].index(">one<") + 3],
        "RDF/XML",
    ),
    ("truncated-rdfxml-mid-tag", ".rdf", GOOD_RDF[".rdf"][:150], "RDF/XML"),
    ("billion-laughs", ".rdf", _bomb(), "RDF/XML"),
    (
        "external-entity",
        ".rdf",
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>\n'
        f'<rdf:RDF xmlns:rdf="{RDF_NS}" xmlns:ex="http://example.org/"><rdf:Description '
        'rdf:about="http://example.org/a"><ex:p>&x;</ex:p></rdf:Description></rdf:RDF>\n',
        "never fetches",
    ),
    (
        "deep-rdfxml",
        ".rdf",
        f'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="{RDF_NS}" xmlns:ex="http://example.org/">'
        + "<rdf:Description><ex:p>" * (MAX_XML_DEPTH // 2 + 10)
        + "x"
        + "</ex:p></rdf:Description>" * (MAX_XML_DEPTH // 2 + 10)
        + "</rdf:RDF>\n",
        f"more than {MAX_XML_DEPTH} deep",
    ),
    (
        "deep-jsonld",
        ".jsonld",
        '{"@context": {"p": "http://example.org/p"}, "@id": "http://example.org/r", '
        + '"p": {' * 20_000
        + '"@id": "http://example.org/x"'
        + "}" * 20_001,
        f"more than {MAX_JSONLD_DEPTH} deep",
    ),
    (
        "deep-turtle",  # Oxigraph's Turtle parser keeps no stack per level: it loads
        ".ttl",
        "@prefix ex: <http://example.org/> .\nex:a ex:p "
        + "[ ex:p " * 50_000
        + "1"
        + " ]" * 50_000
        + " .\n",
        None,
    ),
    (
        "huge-literal",  # 4 MB in one literal: read
        ".nt",
        '<http://example.org/a> <http://example.org/p> "' + "x" * (4 << 20) + '" .\n',
        None,
    ),
    ("binary-garbage", ".ttl", os.urandom(4096), "not valid"),
]


def _encoded(kind: str, suffix: str) -> bytes:
    """The good file of ``suffix`` mis-encoded or reshaped as ``kind``."""
    text = GOOD_RDF[suffix]
    if kind == "utf-16":
        return text.encode("utf-16")
    if kind == "latin-1":
        return text.replace("one", "caf\u00e9").encode("latin-1")
    if kind == "cr-only":
        return text.replace("\n", "\r").encode()
    if kind == "bom":
        return b"\xef\xbb\xbf" + text.encode()
    if kind == "truncated":
        return text.encode()[: len(text) * 2 // 3]
    raise ValueError(kind)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"oxigraph:{tmp_path / 'store'}")
    yield opened
    opened.close()


def _state(store: Store) -> tuple[int, tuple[str, ...]]:
    return len(store), tuple(sorted(s.graph for s in store.sources()))


def _loads_or_refuses(store: Store, path: Path, refusal: str | None = None) -> bool:
    """Load ``path``: True if it loaded; False if it was refused with a :class:`DataError`
    naming the file (and saying ``refusal``), the store unchanged. Any other ending fails."""
    before = _state(store)
    refused: DataError | None = None
    try:
        store.load(path)
    except DataError as error:
        refused = error
    if refused is None:
        return True
    said = str(refused)
    assert str(path) in said
    assert "\n" not in said.strip()
    if refusal is not None:
        assert refusal in said, said
    assert _state(store) == before, "a refused file changed the store"
    return False


@pytest.mark.parametrize(
    ("name", "suffix", "content", "refusal"), HOSTILE_RDF, ids=[case[0] for case in HOSTILE_RDF]
)
def test_hostile_rdf(
    store: Store, tmp_path: Path, name: str, suffix: str, content: str | bytes, refusal: str | None
) -> None:
    path = tmp_path / f"{name}{suffix}"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    loaded = _loads_or_refuses(store, path, refusal)
    assert loaded == (refusal is None), (
        f"{name}: expected {'a load' if refusal is None else refusal}"
    )


@pytest.mark.parametrize("where", ["memory", "disk"])
def test_a_term_over_the_parsers_buffer(tmp_path: Path, where: str) -> None:
    """A 17 MiB literal (over Oxigraph's 16 MiB buffer for one term) in each line-based format:
    loaded whole, or refused in one paragraph saying so; never a MemoryError."""
    spec = "memory" if where == "memory" else f"oxigraph:{tmp_path / 'store'}"
    opened = open_store(spec)
    literal = '"' + "x" * (17 << 20) + '"'
    try:
        for suffix, text in [
            (".nt", f"<urn:x:a> <urn:x:p> {literal} .\n"),
            (".nq", f"<urn:x:a> <urn:x:p> {literal} <urn:x:g> .\n"),
            (".ttl", f"<urn:x:a> <urn:x:p> {literal} .\n"),
        ]:
            path = tmp_path / f"long{suffix}"
            path.write_text(text, encoding="utf-8")
            refusal = "one term (a literal or an IRI) is longer than 16,777,216 bytes"
            if _loads_or_refuses(opened, path, refusal):
                (graph,) = [s for s in opened.sources() if not s.builtin]
                assert graph.triples == 1
                opened.unload(str(path))
            path.unlink()
    finally:
        opened.close()


@pytest.mark.parametrize("suffix", sorted(GOOD_RDF))
@pytest.mark.parametrize("kind", ["utf-16", "latin-1", "cr-only", "bom", "truncated"])
def test_every_format_misencoded_or_cut(
    store: Store, tmp_path: Path, suffix: str, kind: str
) -> None:
    """Read whole, or refused with the file named: a cut file is never taken as whole, nor is
    text in another encoding taken as UTF-8 words."""
    path = tmp_path / f"bad{suffix}"
    path.write_bytes(_encoded(kind, suffix))
    loaded = _loads_or_refuses(store, path)
    if kind in {"utf-16", "latin-1"}:
        assert not loaded, f"{kind} {suffix} was read as UTF-8"
    if loaded:
        (graph,) = [s for s in store.sources() if not s.builtin]
        assert graph.triples == 2


# ---------------------------------------------------------------- importers


#: a real file of each importer's dataset, to cut and re-encode (importers with none: the
#: shape-free cases below still run on them)
SAMPLES = {
    "gdelt": SHARED_DATA / "gdelt-v1-raw-sample" / "events.csv",
    "cow-states": SHARED_DATA / "cow-states-2016" / "states2016.csv",
    "peacekeeping": SHARED_DATA / "un-peacekeeping-ipi" / "countries" / "Albania.csv",
    "diplomatic-exchange": SHARED_DATA
    / "cow-diplomatic-exchange-2006"
    / "Diplomatic_Exchange_2006v1.csv",
    "atop": SHARED_DATA / "atop-5.1" / "atop5_1m.csv",
    "unga-votes": SHARED_DATA / "unga-votes-voeten" / "UNVotesPublished_votes.csv",
    "wikidata": SHARED_DATA / "wikidata-embassies-2022" / "database_of_embassies.csv",
}


#: files an importer reads beside the one it is given (the UN votes' roll-call table), copied
#: beside the reshaped file
BESIDE = {
    "unga-votes": (SHARED_DATA / "unga-votes-voeten" / "UNVotesPublished_rollcalls.csv",),
}


def _sample_lines(dataset: str, count: int = 40) -> bytes | None:
    sample = SAMPLES.get(dataset)
    if sample is None or not sample.exists():
        return None
    with sample.open("rb") as stream:
        return b"".join(stream.readline() for _ in range(count))


_IMPORTER_CASES: dict[str, Callable[[bytes | None], bytes | None]] = {
    "binary-garbage": lambda _: os.urandom(8192),
    "empty": lambda _: b"",
    "huge-field": lambda sample: (
        (sample or b"a,b\n").split(b"\n")[0] + b"\n" + b"x" * 200_000 + b",1\n"
    ),
    "utf-16": lambda sample: None if sample is None else sample.decode("utf-8").encode("utf-16"),
    "cr-only": lambda sample: None if sample is None else sample.replace(b"\n", b"\r"),
    "bom": lambda sample: None if sample is None else b"\xef\xbb\xbf" + sample,
    "truncated": lambda sample: None if sample is None else sample[: len(sample) * 2 // 3],
    "latin-1-row": lambda sample: None if sample is None else sample + b"caf\xe9,\xe9\xe9\n",
}


@pytest.mark.parametrize("case", sorted(_IMPORTER_CASES))
@pytest.mark.parametrize("dataset", sorted(DATASETS))
def test_every_importer_reads_or_reports(
    store: Store, tmp_path: Path, dataset: str, case: str
) -> None:
    """Every row ends imported, rejected or filtered (``read`` adds up), or the file is refused
    with one paragraph; with a good file after it, the good file is imported all the same."""
    content = _IMPORTER_CASES[case](_sample_lines(dataset))
    if content is None:
        pytest.skip(f"no sample file of {dataset} in ../shared/data to reshape")
    bad = tmp_path / f"bad{DATASETS[dataset][1][0]}"
    bad.write_bytes(content)
    for companion in BESIDE.get(dataset, ()):
        shutil.copyfile(companion, tmp_path / companion.name)
    before = _state(store)
    rejects = tmp_path / "rejects.csv"
    refused: DiplographError | None = None
    try:
        reports = import_files(store, dataset, [bad], rejects=rejects)
    except DiplographError as error:
        refused = error
    if refused is not None:
        assert "\n" not in str(refused).strip()
        assert _state(store) == before
        return
    (report,) = reports
    assert report.read == report.imported + report.rejected + report.filtered
    if report.problem:  # nothing could be read: nothing of it is in the store
        assert _state(store) == before
    sample = SAMPLES.get(dataset)
    if sample is not None and sample.exists():  # one bad file does not stop the others
        good = tmp_path / f"good{sample.suffix}"
        good.write_bytes(_sample_lines(dataset) or b"")
        both = import_files(store, dataset, [bad, good], rejects=rejects)
        assert [r.file for r in both] == [bad, good]
        assert both[1].read > 0
        assert not both[1].problem


def test_an_import_warning_names_the_csv(store: Store, tmp_path: Path) -> None:
    """A CSV restating what another import stated is named in the warning as the user knows it
    (the CSV file), never by the temporary N-Triples file the importer loads it from."""
    sample = _sample_lines("cow-states")
    if sample is None:
        pytest.skip("no sample file of cow-states in ../shared/data")
    first, second = tmp_path / "states.csv", tmp_path / "states-again.csv"
    first.write_bytes(sample)
    second.write_bytes(sample)
    import_files(store, "cow-states", [first])
    with pytest.warns(DataWarning) as caught:
        import_files(store, "cow-states", [second])
    (said,) = [str(w.message) for w in caught if issubclass(w.category, DataWarning)]
    assert said.startswith(f"{second}: "), said
    assert "states.csv (" in said, said  # where they are already: the first CSV
    assert ".import-" not in said, said


# ---------------------------------------------------------------- through the command


def _one_paragraph(done: subprocess.CompletedProcess[str]) -> str:
    stderr = done.stderr
    assert done.returncode == 2, stderr
    assert "Traceback" not in stderr, stderr
    assert stderr.startswith("error: "), stderr
    return stderr


@pytest.mark.cli
def test_the_command_refuses_hostile_rdf_in_one_paragraph(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text(_bomb(), encoding="utf-8")
    truncated = tmp_path / "cut.rdf"
    truncated.write_text(GOOD_RDF[".rdf"].rsplit("</rdf:RDF>", 1)[0], encoding="utf-8")
    for path in (bomb, truncated):
        said = _one_paragraph(diplograph("--store", "memory", "load", str(path)))
        assert str(path) in said.replace("\n", "")


@pytest.mark.cli
def test_sheets_and_query_files_in_one_paragraph(tmp_path: Path) -> None:
    header = "line,quote,kind,from,to,type,status,begin,end,confidence,document,comment\n"
    nan = tmp_path / "nan.csv"
    nan.write_text(
        header + "1,Morocco will send troops,tie,Morocco,ISF,troop contribution,pledged,,,nan,,\n",
        encoding="utf-8",
    )
    huge = tmp_path / "huge.csv"
    huge.write_text(
        header + "1," + "x" * 200_000 + ",tie,Morocco,ISF,troop contribution,,,,0.9,,\n",
        encoding="utf-8",
    )
    latin = tmp_path / "latin.rq"
    latin.write_bytes('SELECT * WHERE { ?s ?p "caf\u00e9" }'.encode("latin-1"))
    twice = tmp_path / "twice.rq"
    twice.write_text(
        "#+ param: a string\n#+ param: a string\nSELECT ?a WHERE { ?s ?p ?a }\n", encoding="utf-8"
    )
    for args, said in [
        (["add", "--sheet", str(nan)], "confidence 'nan'"),
        (["add", "--sheet", str(huge)], "131,072"),
        (["query", str(latin)], "not UTF-8"),
        (["query", str(twice)], "more than one"),
    ]:
        assert said in _one_paragraph(diplograph("--store", "memory", *args)).replace("\n", " ")


@pytest.mark.cli
def test_outputs_that_cannot_be_written_in_one_paragraph(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(tmp_path / "loop-back")
    (tmp_path / "loop-back").symlink_to(loop)
    said = _one_paragraph(
        diplograph("--store", "memory", "query", "actors", "-f", "csv", "-o", str(loop))
    )
    assert "symbolic link" in said
    if Path("/dev/full").exists():  # a full disk as standard output
        with Path("/dev/full").open("w") as full:
            done = diplograph_to("query", "actors", stdout=full)
        assert "No space left" in _one_paragraph(done)
    closed = diplograph_to("query", "actors", stdout=None)
    assert "Standard output is closed" in _one_paragraph(closed)


def diplograph_to(*args: str, stdout: IO[str] | None) -> subprocess.CompletedProcess[str]:
    """``diplograph --store memory ARGS`` with its standard output sent to ``stdout`` (a file),
    or closed (None)."""
    if stdout is None:  # the child starts with descriptor 1 closed
        command = [
            "sh",
            "-c",
            '"$0" -m diplograph --store memory "$@" >&-',
            sys.executable,
            *args,
        ]
        return subprocess.run(
            command,
            cwd=REPOSITORY,
            capture_output=False,
            stderr=subprocess.PIPE,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=120,
            check=False,
        )
    return subprocess.run(
        [sys.executable, "-m", "diplograph", "--store", "memory", *args],
        cwd=REPOSITORY,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
