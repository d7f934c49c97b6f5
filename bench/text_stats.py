"""Text statistics benchmark for upy.

Generates a deterministic pseudo-random English-looking text with LCGs
(words built from syllables, sentences with capitals and punctuation),
then processes it paragraph by paragraph: str.split, strip, lower, dict
word counts, per-letter counts, word-prefix-pair counts, sorting with
key functions and a formatted report.  String- and dict-heavy.

Only small pieces of text are alive at any time (one paragraph plus the
count tables), so peak memory stays low.

Usage: text_stats.py [PARAGRAPHS]    (default 10000)
"""

import sys

SYLLABLES = [
    "ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "pe", "qua",
    "ber", "dor", "fin", "gal", "hum", "jet", "kin", "lor", "mar", "nox",
    "pra", "sto", "tri", "und", "ves", "wil", "xan", "yor", "zel", "the",
]
PUNCT = ".,;:!?"
LETTERS = "abcdefghijklmnopqrstuvwxyz"


class Lcg:
    """Combined generator built from three small multiplicative LCGs
    (Wichmann-Hill style moduli); every intermediate product stays below
    2**23 and the combined period is far longer than any run."""

    def __init__(self, seed):
        self.s1 = 1 + seed % 30268
        self.s2 = 1 + (seed // 7) % 30306
        self.s3 = 1 + (seed // 49) % 30322

    def next(self, n):
        # Pseudo-random integer in [0, n).
        self.s1 = (171 * self.s1) % 30269
        self.s2 = (172 * self.s2) % 30307
        self.s3 = (170 * self.s3) % 30323
        r = (self.s1 + self.s2 + self.s3) % 30269
        return (r * n) // 30269


def make_word(rng):
    # Skewed choice: low syllable indices are much more frequent.
    parts = []
    count = 1 + rng.next(3)
    for _ in range(count):
        a = rng.next(len(SYLLABLES))
        b = rng.next(len(SYLLABLES))
        parts.append(SYLLABLES[a if a < b else b])
    return "".join(parts)


def make_paragraph(rng, vocab):
    sentences = []
    for _ in range(3 + rng.next(4)):
        words = []
        for k in range(4 + rng.next(9)):
            # Mostly reuse a vocabulary word; sometimes invent a new one.
            if rng.next(16) == 0:
                w = make_word(rng)
            else:
                i = rng.next(len(vocab))
                j = rng.next(len(vocab))
                w = vocab[i if i < j else j]
            if k == 0:
                w = w[0].upper() + w[1:]
            if rng.next(10) == 0:
                w = w + ","
            words.append(w)
        sentences.append(" ".join(words) + PUNCT[rng.next(2) * 4 + rng.next(2)])
    return " ".join(sentences)


def str_hash(s):
    # Deterministic string hash (the built-in hash() is randomised).
    h = 0
    for ch in s:
        h = (h * 31 + ord(ch)) & 0xFFFFF
    return h


def analyse(paragraphs, seed):
    rng = Lcg(seed)
    vocab = [make_word(rng) for _ in range(300)]
    word_counts = {}
    letter_counts = {}
    pair_counts = {}
    total_words = 0
    total_chars = 0
    sentences = 0
    longest = ""
    for _ in range(paragraphs):
        text = make_paragraph(rng, vocab)
        total_chars += len(text)
        sentences += text.count(".") + text.count("!") + text.count("?")
        prev = None
        for raw in text.split():
            w = raw.strip(PUNCT).lower()
            if not w:
                continue
            total_words += 1
            word_counts[w] = word_counts.get(w, 0) + 1
            if len(w) > len(longest) or (len(w) == len(longest) and w < longest):
                longest = w
            if prev is not None:
                # Pair key from 2-letter prefixes keeps the table bounded.
                key = prev[:2] + "-" + w[:2]
                pair_counts[key] = pair_counts.get(key, 0) + 1
            prev = None if raw[-1] in ".!?" else w
        for ch in text:
            if ch in LETTERS:
                letter_counts[ch] = letter_counts.get(ch, 0) + 1
    return {
        "words": word_counts,
        "letters": letter_counts,
        "pairs": pair_counts,
        "total_words": total_words,
        "total_chars": total_chars,
        "sentences": sentences,
        "longest": longest,
    }


def report(stats):
    lines = []
    words = stats["words"]
    ranked = sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))
    lines.append("words={} unique={} chars={} sentences={} longest={}".format(
        stats["total_words"], len(words), stats["total_chars"],
        stats["sentences"], stats["longest"]))
    lines.append("top words:")
    for rank, (w, c) in enumerate(ranked[:8]):
        share = 100.0 * c / stats["total_words"]
        lines.append("  {} {} {} {:.3f}%".format(rank + 1, w, c, share))
    letters = sorted(stats["letters"].items(), key=lambda kv: (-kv[1], kv[0]))
    lines.append("top letters: " + " ".join([k + "=" + str(v) for k, v in letters[:6]]))
    pairs = sorted(stats["pairs"].items(), key=lambda kv: (-kv[1], kv[0]))
    lines.append("top pairs: " + "; ".join(["{} x{}".format(k, v) for k, v in pairs[:4]]))
    # Checksum over the whole (sorted) table, independent of dict order.
    chk = 0
    for w, c in sorted(words.items()):
        chk = (chk * 7 + str_hash(w) + c) & 0xFFFFFF
    singles = len([1 for c in words.values() if c == 1])
    lines.append("hapax={} pairs_unique={} checksum={}".format(singles, len(pairs), chk))
    return lines


def main():
    argv = getattr(sys, "argv", [])
    paragraphs = int(argv[1]) if len(argv) > 1 else 10000
    stats = analyse(paragraphs, 12345)
    lines = report(stats)
    for line in lines:
        print(line)
    print("text_stats paragraphs={} lines={} report_chars={}".format(
        paragraphs, len(lines), sum([len(x) for x in lines])))


main()
