"""The Indonesian analyzer: text in, index tokens out, the same on every database.

Both search indexes (SQLite FTS5 and PostgreSQL full text) hold what this
module makes of an article, and a reader's query goes through it too, so the
two engines match the same tokens. A token is a word folded to lowercase ASCII
letters and digits, reduced to its root:

- stop words (``yang``, ``dan``, ``di``…) are dropped;
- particles (``-lah``, ``-kah``, ``-pun``) and the possessive
  ``-nya`` come off first, then one derivational suffix (``-kan``,
  ``-an``, ``-i``), then up to three prefixes (``meN-``, ``peN-``, ``di-``,
  ``ter-``, ``ke-``, ``ber-``, ``per-``), with the nasal prefixes' sound
  changes undone (``menulis`` → ``tulis``, ``memukul`` → ``pukul``,
  ``menyalurkan`` → ``salur``) — the confix-stripping order of Nazief and
  Adriani, with rules and no dictionary;
- where the rules leave a choice (``meng`` + vowel is ``ambil`` or ``kirim``),
  every reading is tried, and one found among the protected words wins;
  otherwise the one that strips most, prefixes first;
- a protected word is never cut: the common words below that the rules would
  spoil (``berita``, ``bupati``, ``perintah``), and the words of the names of
  regions, programs and journalists in the database (``Labuan``, ``Dian``).

Nothing here reads the database but ``names()``, which the search module
fills; the rules are plain functions, cached per word.
"""

import re
import unicodedata
from functools import lru_cache

# A word is a run of letters and digits (the apostrophe of "Ba'a" splits it,
# as FTS5's unicode61 and PostgreSQL's parser would). Plain ASCII, most text,
# has a faster expression.
WORD = re.compile(r"\w+")
ASCII_WORD = re.compile(r"[a-z0-9]+")
COMBINING = re.compile(r"[\u0300-\u036f]")
VOWELS = frozenset("aeiou")
VOWEL_GROUP = re.compile(r"[aeiou]+")
# Index tokens of what an article is tagged with (its regions and their
# ancestors, its programs): letters no Indonesian word starts with.
TAG_PREFIX = "xq"


def _listed(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOP_WORDS = _listed(
    """
    ada adalah agar akan aku anda antara apa apabila atas atau bagaimana bagi bahkan
    bahwa baik banyak beberapa begitu belum biasa bila bisa boleh bukan dalam dan dapat
    dari demikian dengan di dia hal hanya harus hingga ia ialah ini itu jadi jika juga
    kalau kami kamu karena ke kemudian kepada ketika kita lagi lain lalu maka masih
    melalui menjadi mereka meski namun nya oleh pada para per pernah pula pun saat saja
    sama sambil sampai sangat saya se sebab sebagai sebelum sedang sedangkan sehingga
    sejak sekarang selain selalu seluruh sementara semua seperti serta setelah tanpa
    telah tentang terhadap tersebut tetapi tidak untuk walau yaitu yakni yang
    """
)

# Roots the rules would spoil, and roots that decide between the nasal
# prefixes' readings (mengirim is kirim, not irim; memakai is pakai, but
# memasukkan is masuk). Written for this project, not taken from a dictionary.
COMMON_WORDS = _listed(
    """
    berita bupati perintah terima dinas diri dinding dingin peserta perempuan kepala
    keluarga kembali ketua ternak pantai sekolah belanja pesawat jadi cari beli gali
    nelayan jalan bulan teman hutan kawan badan taman tuhan wartawan karyawan relawan
    menteri negeri obat tari suka makan minta minum mulai masuk maaf mohon malu mati
    menang milik muat mudah main muda murah masak mandi kirim kenal kumpul kelola kurang
    kuasa kuat kaji kembang keluar kejar kena kerja kunjung kuras kutip kabar kalah
    karang kemas kendali kibar kikis kontrol kritik kukuh kata kaya kesan kait kawal
    kupas kenang nilai nanti nikah nama naik nonton nyata nyanyi nyala nyawa tahu tuju
    sampai selesai pakai capai damai ramai bagai bantai pandai sungai ajar ambil atur
    ikut ubah umum ungkap olah isi alam ingat tulis tanam tangkap tolong temu tentu
    tunggu tinjau tindak tarik tanggung tanya salur susun sebut sapu sewa siap sedia
    pukul pilih pimpin periksa pinjam perlu pergi daftar lindung bangun bantu bayar beri
    buat
    """
)

MIN_SYLLABLES = 2
PARTICLES = ("lah", "kah", "pun")
# -ku and -mu are rare in news, and would cut bertemu and buku.
POSSESSIVES = ("nya",)
LOOKS_PREFIXED = ("me", "pe", "di", "ber", "ter")

_protected_names: frozenset[str] = frozenset()


def set_names(words: frozenset[str]) -> None:
    """The words of the database's names, protected from stemming."""
    global _protected_names
    if words != _protected_names:
        _protected_names = words
        token_of.cache_clear()


def names() -> frozenset[str]:
    return _protected_names


def fold(text: str) -> str:
    """Lowercase, without accents: "Perempuán" → "perempuan"."""
    text = text.lower()
    if not text.isascii():
        text = COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return text


def words(text: str) -> list[str]:
    """The folded words of ``text``."""
    text = fold(text)
    if text.isascii():
        return ASCII_WORD.findall(text)
    return WORD.findall(text.replace("_", " "))


def syllables(word: str) -> int:
    return len(VOWEL_GROUP.findall(word))


def _long_enough(root: str) -> bool:
    # Vowel groups undercount (main is ma-in), so four letters also do.
    count = syllables(root)
    return len(root) >= 3 and (count >= MIN_SYLLABLES or (count == 1 and len(root) >= 4))


def _strip_inflection(word: str) -> str:
    for endings in (PARTICLES, POSSESSIVES):
        for ending in endings:
            if word.endswith(ending) and _long_enough(word[: -len(ending)]):
                word = word[: -len(ending)]
                break
    return word


def _suffix_readings(word: str) -> list[tuple[str, int, bool]]:
    """(form, suffixes removed, sure) for each way the derivational suffix can
    come off, most likely first; the word as it is comes last. An ``-i`` after
    a vowel (menyukai, but also pantai) is only taken if it leads to a
    protected word."""
    readings = []
    # The nouns of ke-/pe-/per- end in -an: pendidikan is didik, not didi.
    noun = word.startswith(("ke", "pe"))
    for suffix in ("an", "kan") if noun else ("kan", "an"):
        if word.endswith(suffix) and _long_enough(word[: -len(suffix)]):
            readings.append((word[: -len(suffix)], 1, True))
    if word.endswith("i") and _long_enough(word[:-1]) and not word.startswith(("ber", "ke")):
        # Nor after a vowel and s: the loanwords in -asi, -isi (sosialisasi, polisi).
        loanword = word[-2] == "s" and word[-3] in VOWELS
        readings.append((word[:-1], 1, word[-2] not in VOWELS and not loanword))
    readings.append((word, 0, True))
    return readings


def _nasal_readings(rest: str, *, person: bool) -> list[str]:
    """meN-/peN- without its "me"/"pe": the root, with the sound the nasal
    replaced put back (men-ulis is tulis), most likely reading first."""
    if rest.startswith("ng"):
        tail = rest[2:]
        return [tail, "k" + tail] if tail[:1] in VOWELS else [tail]
    if rest.startswith("ny") and rest[2:3] in VOWELS:
        return ["s" + rest[2:], rest]
    for nasal, sound in (("m", "p"), ("n", "t")):
        if rest.startswith(nasal):
            tail = rest[1:]
            return [sound + tail, rest] if tail[:1] in VOWELS else [tail]
    if rest[:1] in ("l", "w", "y") or (rest[:1] == "r" and not person):
        return [rest]
    if person and rest[:1] and rest[0] not in VOWELS:
        # pe- before other consonants: pekerja, petani, pedagang.
        return [rest]
    return []


def _prefix_readings(word: str) -> list[str]:
    """The ways one prefix can come off ``word``, most likely first."""
    found = []
    if word.startswith("me"):
        found += _nasal_readings(word[2:], person=False)
    elif word.startswith("pe") and not word.startswith("per"):
        found += _nasal_readings(word[2:], person=True)
    if word.startswith(("ber", "per")):
        found.append(word[3:])
    elif word.startswith(("be", "pe")) and word[3:5] == "er" and word[2:3] not in VOWELS:
        # be-/pe- before a syllable in -er-: bekerja, pekerja.
        found.append(word[2:])
    if word.startswith(("belajar", "pelajar")):
        found.append(word[3:])
    for prefix in ("di", "ter", "ke"):
        if word.startswith(prefix):
            found.append(word[len(prefix) :])
    return [form for form in dict.fromkeys(found) if _long_enough(form)]


def _readings(word: str, protected, depth: int = 0):
    """(root, prefixes removed) for every chain of up to three prefixes."""
    yield word, depth
    if depth == 3 or protected(word):
        return
    for shorter in _prefix_readings(word):
        yield from _readings(shorter, protected, depth + 1)


def _is_protected(word: str) -> bool:
    return word in COMMON_WORDS or word in _protected_names


def stem(word: str, *, protect: bool = True) -> str:
    """The root of one folded word. With ``protect=False`` the database's
    names are not protected (the common words still are)."""
    if len(word) <= 3 or not word.isalpha() or word in COMMON_WORDS:
        return word
    if protect and word in _protected_names:
        return word
    protected = _is_protected if protect else COMMON_WORDS.__contains__
    base = _strip_inflection(word)
    if protected(base):
        return base
    best, best_score = base, (False, False, 0)
    for form, suffixes, sure in _suffix_readings(base):
        for root, prefixes in _readings(form, protected):
            hit = protected(root)
            if not (sure or hit):
                continue
            # A protected root wins; then one that does not still look prefixed
            # (mencari is cari, not mencar); then the most affixes removed; then
            # the first found, suffix off before prefixes.
            score = (hit, not root.startswith(LOOKS_PREFIXED), suffixes + prefixes)
            if score > best_score:
                best, best_score = root, score
    return best


@lru_cache(maxsize=300_000)
def token_of(word: str) -> str | None:
    """The index token of one folded word, or None for a stop word."""
    if word in STOP_WORDS:
        return None
    return stem(word)


def tokens(text: str) -> list[str]:
    """The index tokens of ``text``, in order (stop words dropped)."""
    found = [token_of(word) for word in words(text)]
    return [token for token in found if token]


def alternatives(word: str) -> list[str]:
    """The tokens a reader's word matches: its root, and, for a word of the
    database's names, also the root it had before it was protected (what an
    article indexed before the name was added holds)."""
    token = token_of(word)
    if token is None:
        return []
    if word in _protected_names:
        return list(dict.fromkeys([token, stem(word, protect=False)]))
    return [token]


def tag_token(kind: str, pk: int) -> str:
    """The token of a region (``r``) or a program (``p``) an article is tagged with."""
    return f"{TAG_PREFIX}{kind}{pk}"
