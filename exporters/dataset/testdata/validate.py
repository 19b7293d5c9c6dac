"""Independent check of a seedpress dataset folder.

Usage: validate.py DATASET_DIR [--same-rows OTHER_DIR]

With Debian's python3-jsonschema (Draft 2020-12) it validates every record
of every table, and book.json, against the schema files the dataset ships;
with pandas it loads every table the way an analyst would, checks row
counts, unique ids, foreign keys, Python slicing of every offset pair and
the counts between tables, and the sizes and SHA-256 hashes listed in
datapackage.json. With --same-rows it also checks that OTHER_DIR's tables
hold the same rows (a sharded and an unsharded build, say).

It prints a JSON summary and exits 1 when any check fails.
"""

import hashlib
import json
import os
import sys

import jsonschema
import pandas as pd

TABLES = ["documents", "paragraphs", "sentences", "terms", "mentions", "tables", "figures", "links"]


def null(x):
    """Whether a cell is JSON null as pandas loads it (None, or NaN in a column of nulls)."""
    return x is None or (isinstance(x, float) and x != x)


def paths_of(resource):
    p = resource["path"]
    return [p] if isinstance(p, str) else list(p)


def load_table(root, resource):
    """A table as pandas loads it; an empty one still has its columns."""
    frames = [pd.read_json(os.path.join(root, p), lines=True, dtype=False)
              for p in paths_of(resource) if os.path.getsize(os.path.join(root, p)) > 0]
    if not frames:
        return pd.DataFrame(columns=[f["name"] for f in resource["schema"]["fields"]])
    return pd.concat(frames, ignore_index=True)


def main(argv):
    root = argv[1]
    errors = []
    summary = {"records": {}, "schema_validated": 0}

    def fail(msg):
        if len(errors) < 50:
            errors.append(msg)

    with open(os.path.join(root, "datapackage.json"), encoding="utf-8") as f:
        pkg = json.load(f)
    resources = {r["name"]: r for r in pkg["resources"]}

    # Sizes and hashes.
    for r in pkg["resources"]:
        h, n = hashlib.sha256(), 0
        for p in paths_of(r):
            with open(os.path.join(root, p), "rb") as f:
                data = f.read()
            h.update(data)
            n += len(data)
        if "sha256:" + h.hexdigest() != r["hash"] or n != r["bytes"]:
            fail(f"{r['name']}: files hold {n} bytes sha256:{h.hexdigest()}, datapackage says {r['bytes']} {r['hash']}")

    # Data Package v2: a table is "type": "table", with a Table Schema.
    for r in pkg["resources"]:
        if r["format"] in ("jsonl", "parquet") and r["name"] not in ("book-documents",):
            if r.get("type") != "table" or "schema" not in r:
                fail(f"{r['name']}: not a \"table\" with a schema")

    # JSON Schema: every record of every table, book.json and book.jsonl.
    for r in pkg["resources"]:
        if "jsonschema" not in r:
            continue  # Parquet: the Go and JavaScript tests read it
        with open(os.path.join(root, r["jsonschema"]), encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        v = jsonschema.Draft202012Validator(schema)
        for p in paths_of(r):
            with open(os.path.join(root, p), "rb") as f:
                raw = f.read()
            if raw.startswith(b"\xef\xbb\xbf"):
                fail(f"{p}: starts with a BOM")
            if r["name"] == "book":
                docs = [json.loads(raw)]
            else:
                if raw and not raw.endswith(b"\n"):
                    fail(f"{p}: no newline after the last record")
                docs = [json.loads(line) for line in raw.decode("utf-8").splitlines()]
            for i, rec in enumerate(docs):
                for e in v.iter_errors(rec):
                    fail(f"{p} line {i + 1} ({rec.get('id', '')}): {e.message}")
                summary["schema_validated"] += 1

    # pandas: what an analyst loads.
    t = {name: load_table(root, resources[name]) for name in TABLES}
    for name in TABLES:
        df = t[name]
        summary["records"][name] = len(df)
        lines = sum(sum(1 for _ in open(os.path.join(root, p), encoding="utf-8")) for p in paths_of(resources[name]))
        if len(df) != lines:
            fail(f"{name}: pandas loaded {len(df)} rows from {lines} lines")
        if name == "mentions":
            if len(df) and df.duplicated(["term_id", "sentence_id"]).any():
                fail(f"{name}: (term_id, sentence_id) not unique")
            if len(df) and list(zip(df["sentence_id"], df["term_id"])) != sorted(zip(df["sentence_id"], df["term_id"])):
                fail(f"{name}: rows not in reading order, then term order")
            continue
        if len(df) and not df["id"].is_unique:
            fail(f"{name}: ids not unique")
        if len(df) and not all(isinstance(x, str) for x in df["id"]):
            fail(f"{name}: ids not loaded as strings")
        if len(df) and list(df["id"]) != sorted(df["id"]):
            fail(f"{name}: ids do not sort in reading order")
        columns = [f["name"] for f in resources[name]["schema"]["fields"]]
        if list(df.columns) != columns:
            fail(f"{name}: pandas columns {list(df.columns)}, want {columns}")

    docs, paras, sents, terms, mentions = (t[n] for n in TABLES[:5])
    doc_text = dict(zip(docs["id"], docs["text"])) if len(docs) else {}
    para_text = dict(zip(paras["id"], paras["text"])) if len(paras) else {}
    for row in docs.itertuples():
        if len(row.text) != row.char_count:
            fail(f"documents {row.id}: char_count {row.char_count}, text has {len(row.text)}")
    for row in paras.itertuples():
        if row.document_id not in doc_text:
            fail(f"paragraphs {row.id}: document_id {row.document_id} does not resolve")
        elif doc_text[row.document_id][row.char_start:row.char_end] != row.text:
            fail(f"paragraphs {row.id}: text[{row.char_start}:{row.char_end}] differs from its text")
        elif doc_text[row.document_id].encode("utf-8")[row.byte_start:row.byte_end].decode("utf-8") != row.text:
            fail(f"paragraphs {row.id}: UTF-8 bytes [{row.byte_start}:{row.byte_end}] differ from its text")
    for row in sents.itertuples():
        if row.paragraph_id not in para_text or row.document_id not in doc_text:
            fail(f"sentences {row.id}: paragraph_id or document_id does not resolve")
        elif para_text[row.paragraph_id][row.char_start:row.char_end] != row.text:
            fail(f"sentences {row.id}: text[{row.char_start}:{row.char_end}] differs from its text")
        elif para_text[row.paragraph_id].encode("utf-8")[row.byte_start:row.byte_end].decode("utf-8") != row.text:
            fail(f"sentences {row.id}: UTF-8 bytes [{row.byte_start}:{row.byte_end}] differ from its text")
        elif not row.id.startswith(row.paragraph_id + "-s") or not row.paragraph_id.startswith(row.document_id + "-p"):
            fail(f"sentences {row.id}: ids do not nest")
    if len(docs):
        pc = paras.groupby("document_id").size() if len(paras) else pd.Series(dtype=int)
        sc = sents.groupby("document_id").size() if len(sents) else pd.Series(dtype=int)
        wc = paras.groupby("document_id")["word_count"].sum() if len(paras) else pd.Series(dtype=int)
        for row in docs.itertuples():
            if (row.paragraph_count, row.sentence_count, row.word_count) != (pc.get(row.id, 0), sc.get(row.id, 0), wc.get(row.id, 0)):
                fail(f"documents {row.id}: counts {row.paragraph_count}/{row.sentence_count}/{row.word_count} disagree with the paragraphs and sentences tables")
    if len(paras):
        psc = sents.groupby("paragraph_id").size() if len(sents) else pd.Series(dtype=int)
        pwc = sents.groupby("paragraph_id")["word_count"].sum() if len(sents) else pd.Series(dtype=int)
        for row in paras.itertuples():
            if row.sentence_count != psc.get(row.id, 0):
                fail(f"paragraphs {row.id}: sentence_count {row.sentence_count}, {psc.get(row.id, 0)} sentences")
            if row.kind != "code" and row.word_count != pwc.get(row.id, 0):
                fail(f"paragraphs {row.id}: word_count {row.word_count}, sentences sum {pwc.get(row.id, 0)}")
    sent_ids = set(sents["id"]) if len(sents) else set()
    sent_doc = dict(zip(sents["id"], sents["document_id"])) if len(sents) else {}
    by_term = {}
    for row in mentions.itertuples():
        by_term.setdefault(row.term_id, set()).add(row.sentence_id)
        if row.sentence_id not in sent_ids or sent_doc.get(row.sentence_id) != row.document_id:
            fail(f"mentions {row.term_id} {row.sentence_id}: sentence_id or document_id does not resolve")
    term_ids = set(terms["id"]) if len(terms) else set()
    if not set(by_term) <= term_ids:
        fail(f"mentions: a term_id does not resolve")

    # Footnotes, tables, figures and links.
    for row in paras.itertuples():
        if not null(row.note_ref_sentence_id) and row.note_ref_sentence_id not in sent_ids:
            fail(f"paragraphs {row.id}: note_ref_sentence_id {row.note_ref_sentence_id} does not resolve")
        if not null(row.note_ref_sentence_id) and null(row.note_number):
            fail(f"paragraphs {row.id}: note_ref_sentence_id without note_number")
        if (null(row.list_marker)) != (null(row.list_style)) or (not null(row.task) and null(row.list_marker)):
            fail(f"paragraphs {row.id}: list_marker {row.list_marker}, list_style {row.list_style}, task {row.task}")
    anchors = {}
    for name, df in (("paragraphs", paras), ("tables", t["tables"]), ("figures", t["figures"])):
        for row in df.itertuples():
            if not null(row.anchor):
                if row.anchor in anchors:
                    fail(f"{name} {row.id}: anchor {row.anchor} is not unique")
                anchors[row.anchor] = row.document_id
    for name in ("tables", "figures", "links"):
        for row in t[name].itertuples():
            if row.document_id not in doc_text or not row.id.startswith(row.document_id + "-"):
                fail(f"{name} {row.id}: document_id {row.document_id} does not resolve")
    for row in t["tables"].itertuples():
        if len(row.header) != len(row.alignments) or any(len(r) != len(row.alignments) for r in row.rows):
            fail(f"tables {row.id}: rows and header do not have one cell per column")
    for row in t["figures"].itertuples():
        path = os.path.join(root, row.media_path)
        if not os.path.isfile(path):
            fail(f"figures {row.id}: {row.media_path} is not in the dataset")
            continue
        with open(path, "rb") as f:
            if hashlib.sha256(f.read()).hexdigest() != row.sha256:
                fail(f"figures {row.id}: {row.media_path} does not hash to its sha256")
    for row in t["links"].itertuples():
        if not null(row.sentence_id) and (row.sentence_id not in sent_ids or not row.sentence_id.startswith(row.document_id + "-p")):
            fail(f"links {row.id}: sentence_id {row.sentence_id} does not resolve in its document")
        if (row.kind == "external") != (null(row.target_document_id)):
            fail(f"links {row.id}: kind {row.kind}, target_document_id {row.target_document_id}")
        if not null(row.target_document_id) and row.target_document_id not in doc_text:
            fail(f"links {row.id}: target_document_id {row.target_document_id} does not resolve")
        if not null(row.target_anchor) and anchors.get(row.target_anchor) != row.target_document_id:
            fail(f"links {row.id}: target_anchor {row.target_anchor} is not an anchor of {row.target_document_id}")
        if (row.kind == "cross_reference") != (null(row.url)):
            fail(f"links {row.id}: kind {row.kind}, url {row.url}")

    for row in terms.itertuples():
        if row.first_sentence_id not in sent_ids:
            fail(f"terms {row.id}: first_sentence_id does not resolve")
        if row.first_sentence_id not in by_term.get(row.id, set()):
            fail(f"terms {row.id}: first_sentence_id not among its mentions")
        if row.sentence_count != len(by_term.get(row.id, ())):
            fail(f"terms {row.id}: sentence_count {row.sentence_count}, {len(by_term.get(row.id, ()))} mentions")

    if len(argv) > 3 and argv[2] == "--same-rows":
        other = argv[3]
        with open(os.path.join(other, "datapackage.json"), encoding="utf-8") as f:
            opkg = {r["name"]: r for r in json.load(f)["resources"]}
        for name in TABLES:
            a, b = t[name], load_table(other, opkg[name])
            if not a.equals(b):
                fail(f"{name}: rows differ from {other}")
        summary["same_rows"] = True

    summary["errors"] = errors
    print(json.dumps(summary, ensure_ascii=False, sort_keys=True))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
