#!/usr/bin/env python3
"""Generate the XunchaText lookup tables as Swift source.

Inputs (both installable on the project's machines, no other network):
  * Unihan, from Debian's `unicode-data` package (/usr/share/unicode/Unihan_*.txt.bz2),
    Unicode licence (see docs/text-data-notices.md);
  * OpenCC's text dictionaries, from the PyPI package `opencc-python-reimplemented==0.1.7`
    (fetched with `pip download` into a cache folder), Apache-2.0.

Outputs (committed, regenerate with `python3 scripts/generate-text-tables.py`; `--check` only
compares and fails when they are stale):
  Sources/XunchaText/Generated/CharTable.generated.swift     one-to-one scalar mappings
  Sources/XunchaText/Generated/PhraseTable.generated.swift   context-dependent phrases
  Sources/XunchaText/Generated/PinyinTable.generated.swift   Mandarin readings (toneless)

The output is deterministic: the same inputs give byte-identical files.
"""

import bz2
import collections
import glob
import os
import re
import subprocess
import sys
import unicodedata
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Sources", "XunchaText", "Generated")
CACHE = os.environ.get("XUNCHA_TABLE_CACHE", os.path.join(ROOT, ".build", "table-cache"))
UNIHAN = os.environ.get("UNIHAN_DIR", "/usr/share/unicode")
OPENCC_PKG = "opencc-python-reimplemented==0.1.7"
JIEBA_PKG = "jieba==0.42.1"
# Lexicon words rarer than this are too noisy to override the character table.
MIN_WORD_FREQ = 5


def jieba_words():
    """Simplified words with corpus frequencies from jieba's dictionary (MIT licence)."""
    os.makedirs(CACHE, exist_ok=True)
    path = os.path.join(CACHE, "jieba-0.42.1.tar.gz")
    if not os.path.exists(path):
        subprocess.check_call([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", CACHE, JIEBA_PKG])
    import tarfile

    with tarfile.open(path) as t:
        text = t.extractfile("jieba-0.42.1/jieba/dict.txt").read().decode("utf-8")
    words = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[1].isdigit():
            words[parts[0]] = max(words.get(parts[0], 0), int(parts[1]))
    return words


OPENCC_LIB = "opencc==1.4.2"


def opencc_converters():
    """OpenCC's own s2t, s2tw and s2hk (PyPI `opencc` 1.4.2, the C++ library's binding),
    installed with pip when missing; another version may spell some words differently."""
    try:
        import opencc

        opencc.OpenCC("s2t").convert("测试")
    except Exception:
        subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", OPENCC_LIB])
        import opencc
    return [opencc.OpenCC(c) for c in ("s2t", "s2tw", "s2hk")]


def opencc_dicts():
    """Return {name: text} for OpenCC's dictionaries shipped in the PyPI wheel."""
    os.makedirs(CACHE, exist_ok=True)
    wheels = glob.glob(os.path.join(CACHE, "opencc_python_reimplemented-0.1.7-*.whl"))
    if not wheels:
        subprocess.check_call(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", CACHE, OPENCC_PKG]
        )
        wheels = glob.glob(os.path.join(CACHE, "opencc_python_reimplemented-0.1.7-*.whl"))
    out = {}
    with zipfile.ZipFile(wheels[0]) as z:
        for name in z.namelist():
            m = re.match(r"opencc/dictionary/(\w+)\.txt$", name)
            if m:
                out[m.group(1)] = z.read(name).decode("utf-8")
    return out


def parse_dict(text):
    """OpenCC dictionary lines: key TAB candidate[ SPACE candidate...]."""
    entries = []
    for line in text.splitlines():
        if not line.strip() or "\t" not in line:
            continue
        key, values = line.split("\t", 1)
        cands = values.split()
        if cands:
            entries.append((key, cands))
    return entries


def unihan(name):
    path = os.path.join(UNIHAN, f"Unihan_{name}.txt.bz2")
    with bz2.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("U+"):
                cp, field, value = line.rstrip("\n").split("\t", 2)
                yield int(cp[2:], 16), field, value


def cp_list(value):
    return [int(v.split("<")[0][2:], 16) for v in value.split() if v.startswith("U+")]


# --------------------------------------------------------------------------------------------
# Character table: traditional and variant forms to simplified.

def build_char_map(d):
    # How much simplified text uses each character, from the lexicon's word frequencies.
    usage = collections.Counter()
    for w, freq in jieba_words().items():
        for c in w:
            usage[c] += freq
    ts = {}
    for key, cands in parse_dict(d["TSCharacters"]):
        if len(key) == 1 and len(cands[0]) == 1:
            ts[key] = cands[0]  # OpenCC's first candidate is its default.
    # Regional variants (Taiwan, Hong Kong) map to OpenCC's standard traditional form first.
    variant = {}
    for name in ("TWVariantsRev", "HKVariantsRev"):
        for key, cands in parse_dict(d[name]):
            if len(key) == 1 and len(cands[0]) == 1 and key != cands[0]:
                variant.setdefault(key, cands[0])
    simplified_chars = set()
    for key, cands in parse_dict(d["STCharacters"]):
        if len(key) == 1:
            simplified_chars.add(key)
    # The old TSCharacters misses some standard traditional forms (兌 喫 峯 …); STCharacters,
    # read backwards, fills those gaps without overriding TSCharacters' defaults.
    for key, cands in parse_dict(d["STCharacters"]):
        for t in cands:
            if len(key) == 1 and len(t) == 1 and t != key and t not in ts and t not in simplified_chars:
                ts[t] = key

    def resolve(start):
        c = start
        seen = {c}
        while True:
            if c in ts and ts[c] != c:
                n = ts[c]
            elif c in variant and c not in simplified_chars and (
                ts.get(variant[c], variant[c]) != variant[c] or usage.get(variant[c], 0) >= usage.get(c, 0)
            ):
                # A regional form is followed to a standard form that simplifies further
                # (裡 → 裏 → 里), or that simplified text itself uses more (著 → 着); Hong Kong's
                # 抬 → 擡 would otherwise turn the common simplified 抬 into the rare 擡.
                n = variant[c]
            else:
                return c
            if n in seen:
                return c
            seen.add(n)
            c = n

    mapping = {}
    for c in set(ts) | set(variant):
        r = resolve(c)
        if r != c:
            mapping[c] = r
    # Unihan fills characters OpenCC does not know. Its kSimplifiedVariant is wrong for some
    # characters that are also valid simplified characters (覆 → 复), so only characters that
    # OpenCC has never seen, and that are not themselves simplified forms, are taken.
    known = set(ts) | set(variant) | simplified_chars | set(mapping.values())
    for cp, field, value in unihan("Variants"):
        if field != "kSimplifiedVariant":
            continue
        c = chr(cp)
        targets = cp_list(value)
        if c in known or not targets or cp in targets:
            continue
        mapping[c] = resolve(chr(targets[0]))
    # Old-style and regional variant characters that simplified text never writes (擡 呉 鬭 麤
    # 汚 …) fold to the variant that it does write, by Unihan's kZVariant and kSemanticVariant,
    # so that names and words match whichever glyph the writer's input method produced. Only
    # characters absent from the lexicon, and only towards a form it uses at least 100 times.
    variants = collections.defaultdict(set)
    for cp, field, value in unihan("Variants"):
        if field in ("kZVariant", "kSemanticVariant"):
            variants[chr(cp)].update(chr(t) for t in cp_list(value))
    for c, options in sorted(variants.items()):
        if not (0x3400 <= ord(c) <= 0x9FFF) or c in mapping or usage[c] > 0:
            continue
        best = None
        for v in sorted(options):
            r = mapping.get(v, v)
            if r != c and usage[r] >= 100 and (best is None or usage[r] > usage[best]):
                best = r
        if best:
            mapping[c] = best
    return mapping, variant


# Characters whose NFKC form is a safe fold for Chinese text: compatibility ideographs, Kangxi
# and supplementary radicals, vertical and small punctuation forms, half-width CJK punctuation.
# Circled and superscript digits, squared units and the like are left alone because NFKC would
# turn ① into 1 or ㎡ into m2 and glue them to neighbouring digits.
SAFE_NFKC_RANGES = [
    (0x2E80, 0x2EFF),
    (0x2F00, 0x2FDF),
    (0xF900, 0xFAFF),
    (0xFE10, 0xFE1F),
    (0xFE30, 0xFE4F),
    (0xFE50, 0xFE6F),
    (0xFF61, 0xFF64),
    (0xFFE0, 0xFFE6),
    (0x2F800, 0x2FA1F),
]


def build_compat_map():
    out = {}
    for lo, hi in SAFE_NFKC_RANGES:
        for cp in range(lo, hi + 1):
            c = chr(cp)
            n = unicodedata.normalize("NFKC", c)
            if n != c and len(n) == 1 and not n.isspace():
                out[c] = n
    return out


# --------------------------------------------------------------------------------------------
# Phrase table: only phrases whose conversion differs from what the character table gives.

def convert(text, chars, phrases, max_len):
    """The runtime algorithm: forward maximum matching over phrases, else the character map."""
    out = []
    i = 0
    while i < len(text):
        hit = None
        if text[i] in phrases["starts"]:
            for n in range(min(max_len, len(text) - i), 1, -1):
                seg = text[i:i + n]
                if seg in phrases["map"]:
                    hit = seg
                    break
        if hit:
            out.append(phrases["map"][hit])
            i += len(hit)
        else:
            out.append(chars.get(text[i], text[i]))
            i += 1
    return "".join(out)


# Longer dictionary entries are idioms and titles; capping keeps the runtime look-ahead short.
MAX_PHRASE = 12
SUPPLEMENT_PHRASES = {"甚麼": "什么", "甚麽": "什么", "幹麼": "干吗", "幹嘛": "干吗"}

_CONVERTERS = []


def opencc_converters_cached():
    if not _CONVERTERS:
        _CONVERTERS.extend(opencc_converters())
    return _CONVERTERS


def build_phrases(d, chars):
    candidates = {}
    # Characters OpenCC lists as possibly staying as they are in simplified text (乾 著 於 麼 覆 …).
    ambiguous = {k for k, c in parse_dict(d["TSCharacters"]) if len(k) == 1 and k in c}

    def add(t, s, strong):
        if not 2 <= len(t) <= MAX_PHRASE or len(t) != len(s):
            return  # length-changing rewrites would shift offsets; OpenCC has none for t2s.
        if any(c in chars and c not in ambiguous for c in s) or "|" in t + s:
            return  # a "simplified" side that still holds plain traditional forms is a bad entry
        old = candidates.get(t)
        if old is None or (strong and not old[1]):
            candidates[t] = (s, strong)
        elif old[0] != s and not old[1]:
            candidates[t] = (None, False)  # ambiguous between simplified words: char default

    words = jieba_words()
    def keeps_traditional_name(s):
        # Two-character entries that keep a form the table converts (於单, 於戏) are mostly
        # names or classical words; matched inside running text (由於單位) they would keep 於.
        # Without the lexicon knowing them as words, the character table's default wins.
        return len(s) == 2 and words.get(s, 0) < MIN_WORD_FREQ and any(chars.get(c, c) != c for c in s)

    for t, cands in parse_dict(d["TSPhrases"]):
        if not keeps_traditional_name(cands[0]):
            add(t, cands[0], True)
    tw = {k: c[0] for k, c in parse_dict(d["TWVariants"]) if len(k) == 1 and len(c[0]) == 1}
    hk = {k: c[0] for k, c in parse_dict(d["HKVariants"]) if len(k) == 1 and len(c[0]) == 1}
    # STPhrases lists simplified words with their traditional spellings; inverted, and with the
    # Taiwan and Hong Kong variant spellings of each, it tells how those words convert back.
    def rewrites_plain_character(t, s):
        # 待著 → 呆着 changes 待, a character the table leaves alone, on the word of one entry;
        # in running text 待著 is far more often 待 + the particle. Two-character rewrites of
        # that kind need the lexicon to prefer them over the plain reading.
        if len(t) != 2 or not any(a not in chars and a != b for a, b in zip(t, s)):
            return False
        plain = "".join(chars.get(c, c) for c in t)
        return words.get(s, 0) < MIN_WORD_FREQ or words.get(s, 0) <= words.get(plain, 0)

    for s, cands in parse_dict(d["STPhrases"]):
        if keeps_traditional_name(s):
            continue
        for t in cands:
            for form in {t, "".join(tw.get(c, c) for c in t), "".join(hk.get(c, c) for c in t)}:
                if not rewrites_plain_character(form, s):
                    add(form, s, False)
    for name in ("TWVariantsRevPhrases", "HKVariantsRevPhrases"):
        for v, cands in parse_dict(d[name]):
            std = cands[0]
            if std in candidates and candidates[std][0]:
                add(v, candidates[std][0], False)
    candidates = {t: s for t, (s, _) in candidates.items() if s is not None}
    # Spellings common in Taiwan and Hong Kong text that no dictionary above pairs with the
    # mainland word (甚麼 is written for 什么; 甚 alone stays 甚).
    for t, s in SUPPLEMENT_PHRASES.items():
        candidates[t] = s

    # A lexicon decides between readings the dictionaries leave open. For each traditional
    # spelling, the simplified words that OpenCC writes that way compete with the character
    # table's reading by word frequency: 反覆 → 反复 (2882) beats 反覆 (3), 慰藉 stays (118 vs
    # none), 著名 stays 著名 although 著 alone is 着.
    by_trad = {}
    for w, freq in words.items():
        if not 2 <= len(w) <= 4 or freq < MIN_WORD_FREQ or any(ord(c) < 0x3400 for c in w):
            continue
        for conv in opencc_converters_cached():
            t = conv.convert(w)
            if len(t) == len(w):
                by_trad.setdefault(t, {})[w] = freq
    for t, options in by_trad.items():
        default = "".join(chars.get(c, c) for c in t)
        best = max(options.items(), key=lambda kv: (kv[1], kv[0]))[0]
        if words.get(default, 0) >= options[best]:
            best = default
        if t in candidates and candidates[t] != best and words.get(candidates[t], 0) >= options.get(best, 0):
            continue
        if best != default or t in candidates:
            candidates[t] = best

    kept = {}
    phrases = {"starts": set(), "map": kept}
    max_len = max(len(t) for t in candidates)
    changed = True
    while changed:
        changed = False
        for t in sorted(candidates):
            s = candidates[t]
            if t in kept:
                continue
            if convert(t, chars, phrases, max_len) != s:
                kept[t] = s
                phrases["starts"].add(t[0])
                changed = True
    # Idempotence: a phrase's output, normalized again, must stay as it is.
    changed = True
    while changed:
        changed = False
        for s in sorted(set(kept.values())):
            if len(s) >= 2 and convert(s, chars, phrases, max_len) != s and s not in kept:
                kept[s] = s
                phrases["starts"].add(s[0])
                changed = True
    return kept


# --------------------------------------------------------------------------------------------
# Mandarin readings, toneless, for recognising pinyin annotations such as 據(jù).

TONE_FOLD = {}
for base, marked in {
    "a": "āáǎàa", "e": "ēéěèe", "i": "īíǐìi", "o": "ōóǒòo", "u": "ūúǔùu", "v": "ǖǘǚǜüv",
    "m": "ḿm", "n": "ńňǹn",
}.items():
    for ch in marked:
        TONE_FOLD[ch] = base


def toneless(syllable):
    s = unicodedata.normalize("NFC", syllable.lower())
    return "".join(TONE_FOLD.get(c, c) for c in s if c.isalpha())


def build_readings():
    readings = {}
    for cp, field, value in unihan("Readings"):
        if field == "kMandarin":
            syls = value.split()
        elif field == "kHanyuPinyin" or field == "kXHC1983" or field == "kTGHZ2013":
            syls = [s for part in value.split() for s in part.split(":", 1)[-1].split(",")]
        elif field == "kHanyuPinlu":
            syls = [re.sub(r"\(.*\)", "", s) for s in value.split()]
        else:
            continue
        for s in syls:
            t = toneless(s)
            if t and t.isascii():
                readings.setdefault(cp, set()).add(t)
    return readings


# --------------------------------------------------------------------------------------------
# Swift output.

HEADER = """// GENERATED by scripts/generate-text-tables.py; do not edit by hand.
// Data: Unicode Unihan (Unicode License v3), OpenCC dictionaries (Apache-2.0) and jieba's word
// frequencies (MIT); see docs/text-data-notices.md.
"""

B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def b64(n, width):
    out = []
    for _ in range(width):
        out.append(B64[n & 63])
        n >>= 6
    assert n == 0
    return "".join(reversed(out))


def swift_static_string(name, text, doc):
    # Content is indented like the closing delimiter (which Swift strips), as swift-format wants.
    lines = [f"    /// {doc}", f"    static let {name}: StaticString = \"\"\""]
    starts = range(0, len(text), 100)
    for chunk_start in starts:
        chunk = text[chunk_start:chunk_start + 100]
        lines.append("        " + chunk + ("\\" if chunk_start + 100 < len(text) else ""))
    lines.append("        \"\"\"")
    return "\n".join(lines)


CHECK = "--check" in sys.argv
STALE = []


def write(path, body):
    text = HEADER + "\n" + body + "\n"
    if CHECK:
        try:
            current = open(path, encoding="utf-8").read()
        except FileNotFoundError:
            current = None
        if current != text:
            STALE.append(os.path.relpath(path, ROOT))
        return
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    d = opencc_dicts()
    chars, _ = build_char_map(d)
    compat = build_compat_map()
    for c, n in compat.items():
        chars.setdefault(c, chars.get(n, n))
    # Every mapped target must itself be a fixed point so that normalizing twice is a no-op.
    for c in list(chars):
        t = chars[c]
        while t in chars and chars[t] != t:
            t = chars[t]
        chars[c] = t
    phrases = build_phrases(d, chars)
    readings = build_readings()

    pairs = sorted((ord(c), ord(t)) for c, t in chars.items())
    char_data = "".join(b64(a, 4) + b64(b, 4) for a, b in pairs)
    write(
        os.path.join(OUT, "CharTable.generated.swift"),
        "enum CharTableData {\n"
        f"    /// Number of (source, target) scalar pairs in `pairs`.\n"
        f"    static let count = {len(pairs)}\n"
        + swift_static_string(
            "pairs", char_data, "Sorted pairs, each two 4-digit base-64 scalars (source, target)."
        )
        + "\n}",
    )

    # Grouped by first character, longest first within a group: the order the runtime tries them.
    ordered = sorted(phrases.items(), key=lambda kv: (kv[0][0], -len(kv[0]), kv[0]))
    phrase_lines = "".join(f"{t}{s}|" for t, s in ordered)
    write(
        os.path.join(OUT, "PhraseTable.generated.swift"),
        "enum PhraseTableData {\n"
        f"    static let count = {len(phrases)}\n"
        + swift_static_string(
            "phrases",
            phrase_lines,
            "Records: traditional phrase, its simplified form of the same length, then |; grouped by first scalar, longest first.",
        )
        + "\n}",
    )

    syllables = sorted({s for rs in readings.values() for s in rs})
    index = {s: i for i, s in enumerate(syllables)}
    records = []
    payload = []
    for cp in sorted(readings):
        records.append(b64(cp, 3) + b64(len(payload), 3))
        payload.extend(b64(index[s], 2) for s in sorted(readings[cp]))
    records.append(b64(0x3FFFF, 3) + b64(len(payload), 3))
    write(
        os.path.join(OUT, "PinyinTable.generated.swift"),
        "enum PinyinTableData {\n"
        f"    static let characterCount = {len(readings)}\n"
        + swift_static_string("syllables", " ".join(syllables), "Toneless syllables, v for ü, space separated.")
        + "\n"
        + swift_static_string(
            "index",
            "".join(records),
            "Per character: 3-digit base-64 scalar, 3-digit offset into `readings`; a sentinel ends it.",
        )
        + "\n"
        + swift_static_string("readings", "".join(payload), "2-digit base-64 syllable numbers.")
        + "\n}",
    )
    print(f"chars={len(pairs)} phrases={len(phrases)} readings={len(readings)} syllables={len(syllables)}")
    if CHECK and STALE:
        sys.exit("stale generated tables (run scripts/generate-text-tables.py): " + ", ".join(STALE))


if __name__ == "__main__":
    main()
