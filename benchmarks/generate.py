"""Generate a benchmark corpus: N articles in every language of the site, with topics.

    .venv/bin/python benchmarks/generate.py DOCS_DIR [--articles N]

writes `DOCS_DIR/<code>/` for every code of `extra.languages` in mkdocs.yml:

- `article-001.md` ... `article-NNN.md`: ~600 words in 5 sections (`## ... {#section-k}`) of
  deterministic pseudo-text in the language (CJK characters for ja and zh), with front matter
  `title`, `description` and `tags` (4 topic slugs of data/topics.yml); translations also carry
  `source_hash` (hooks/multilingual/translation_status.py, of the English file) and `reviewed: false`;
- `index.md` (home) and `getting-help.md` (the page our safety notice links to);

and `DOCS_DIR/../nav.yml`, the nav of the corpus (`nav_entries` gives it for either project).
The same seed always gives the same files, so both projects build byte-identical sources.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from multilingual.translation_status import source_hash  # noqa: E402  (the site's own hash of an English page)

WORDS_PER_ARTICLE = 600
SECTIONS = 5
TOPICS_PER_ARTICLE = 4
PARAGRAPHS_PER_SECTION = 3
CJK_CODES = {"ja", "zh"}

# A small everyday vocabulary per language: enough for the text to tokenize, stem and segment like
# real text in that language (the stemmers and jieba do real work), not meant to be read.
VOCABULARY = {
    "en": "trust partner betrayal honest time together feel need talk listen change hope repair "
          "day week trying small promise open question answer heart safe careful kind anger fear "
          "forgive slowly couple home friend family help moment calm choose decide truth share",
    "it": "fiducia partner tradimento onesto tempo insieme sentire bisogno parlare ascoltare "
          "cambiare speranza riparare giorno settimana piccolo promessa aperto domanda risposta "
          "cuore sicuro gentile rabbia paura perdonare lentamente coppia casa amico famiglia aiuto",
    "fr": "confiance partenaire trahison honnête temps ensemble ressentir besoin parler écouter "
          "changer espoir réparer jour semaine petit promesse ouvert question réponse cœur sûr "
          "gentil colère peur pardonner lentement couple maison ami famille aide moment choisir",
    "de": "Vertrauen Partner Verrat ehrlich Zeit zusammen fühlen brauchen sprechen zuhören ändern "
          "Hoffnung reparieren Tag Woche klein Versprechen offen Frage Antwort Herz sicher freundlich "
          "Wut Angst vergeben langsam Paar Zuhause Freund Familie Hilfe Moment wählen Wahrheit",
    "pl": "zaufanie partner zdrada szczery czas razem czuć potrzeba rozmawiać słuchać zmieniać "
          "nadzieja naprawiać dzień tydzień mały obietnica otwarty pytanie odpowiedź serce bezpieczny "
          "życzliwy złość strach wybaczać powoli para dom przyjaciel rodzina pomoc chwila wybierać",
    "tr": "güven partner ihanet dürüst zaman birlikte hissetmek ihtiyaç konuşmak dinlemek değişmek "
          "umut onarmak gün hafta küçük söz açık soru cevap kalp güvenli nazik öfke korku affetmek "
          "yavaşça çift ev arkadaş aile yardım an seçmek karar gerçek paylaşmak",
    "pt": "confiança parceiro traição honesto tempo juntos sentir necessidade falar ouvir mudar "
          "esperança reparar dia semana pequeno promessa aberto pergunta resposta coração seguro "
          "gentil raiva medo perdoar devagar casal casa amigo família ajuda momento escolher",
    "ru": "доверие партнёр предательство честный время вместе чувствовать нужно говорить слушать "
          "менять надежда исправить день неделя маленький обещание открытый вопрос ответ сердце "
          "безопасный добрый гнев страх простить медленно пара дом друг семья помощь момент",
    "ar": "الثقة الشريك الخيانة صادق الوقت معا الشعور الحاجة الحديث الاستماع التغيير الأمل الإصلاح "
          "اليوم الأسبوع صغير الوعد مفتوح السؤال الجواب القلب آمن لطيف الغضب الخوف المسامحة ببطء "
          "الزوجان البيت الصديق العائلة المساعدة اللحظة الاختيار القرار الحقيقة المشاركة",
    "es": "confianza pareja traición honesto tiempo juntos sentir necesidad hablar escuchar cambiar "
          "esperanza reparar día semana pequeño promesa abierto pregunta respuesta corazón seguro "
          "amable enojo miedo perdonar despacio casa amigo familia ayuda momento elegir decidir",
    # CJK: "words" written without spaces, as the languages are.
    "ja": "信頼 相手 裏切り 正直 時間 一緒に 感じる 必要 話す 聞く 変わる 希望 修復 毎日 週末 小さな "
          "約束 素直 質問 答え 心 安心 優しい 怒り 不安 許す ゆっくり 夫婦 家庭 友人 家族 助け "
          "瞬間 選ぶ 決める 真実 分かち合う ことが できる ている ました",
    "zh": "信任 伴侣 背叛 诚实 时间 一起 感受 需要 交谈 倾听 改变 希望 修复 每天 每周 小小的 承诺 "
          "开放 问题 回答 内心 安全 温和 愤怒 恐惧 原谅 慢慢 夫妻 家庭 朋友 家人 帮助 时刻 选择 "
          "决定 真相 分享 我们 可以 已经",
}
ARTICLE_WORD = {
    "en": "Article", "it": "Articolo", "fr": "Article", "de": "Artikel", "pl": "Artykuł",
    "tr": "Makale", "pt": "Artigo", "ru": "Статья", "ar": "مقال", "ja": "記事", "zh": "文章",
    "es": "Artículo",
}
HOME_TITLE = "Benchmark corpus"
HELP_TITLE = "Getting help"


def load_site(mkdocs_yml: Path = ROOT / "mkdocs.yml") -> tuple[list[str], list[str]]:
    """Language codes (extra.languages, in order) and topic slugs (data/topics.yml)."""
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV etc.: not needed here
    config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=Loader)
    codes = [entry["code"] for entry in config["extra"]["languages"]]
    topics = yaml.safe_load((ROOT / "data" / "topics.yml").read_text(encoding="utf-8"))
    return codes, [topic["slug"] for topic in topics]


def vocabulary(code: str) -> list[str]:
    return VOCABULARY.get(code, VOCABULARY["en"]).split()


def sentence(rng: random.Random, code: str, words: int) -> str:
    picked = [rng.choice(vocabulary(code)) for _ in range(words)]
    if code in CJK_CODES:
        return "".join(picked) + "。"
    if code == "ar":
        return " ".join(picked) + "."
    return picked[0][:1].upper() + " ".join(picked)[1:] + "."


def paragraph(rng: random.Random, code: str, words: int) -> str:
    sentences, left = [], words
    while left > 0:
        size = min(left, rng.randint(8, 16))
        sentences.append(sentence(rng, code, size))
        left -= size
    return ("" if code in CJK_CODES else " ").join(sentences)


def article_name(index: int) -> str:
    return f"article-{index:03d}.md"


def article(code: str, index: int, topics: list[str]) -> tuple[dict, str]:
    """Front matter (title, description, tags) and body of article `index` in language `code`."""
    rng = random.Random(f"{code}-{index}")
    joiner = "" if code in CJK_CODES else " "
    title_words = joiner.join(rng.choice(vocabulary(code)) for _ in range(3))
    meta = {
        "title": f"{ARTICLE_WORD.get(code, 'Article')} {index}: {title_words}",
        "description": sentence(rng, code, 14),
        "tags": random.Random(f"tags-{index}").sample(topics, TOPICS_PER_ARTICLE),  # same in every language
    }
    per_paragraph = WORDS_PER_ARTICLE // (SECTIONS * PARAGRAPHS_PER_SECTION)
    parts = []
    for section in range(1, SECTIONS + 1):
        heading = joiner.join(rng.choice(vocabulary(code)) for _ in range(3))
        parts.append(f"## {heading} {{#section-{section}}}\n")
        parts.extend(paragraph(rng, code, per_paragraph) + "\n" for _ in range(PARAGRAPHS_PER_SECTION))
    return meta, "\n".join(parts)


def page_text(meta: dict, body: str) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body


def simple_page(code: str, title: str, seed: str) -> tuple[dict, str]:
    rng = random.Random(seed + code)
    return {"title": title, "description": sentence(rng, code, 10), "tags": []}, paragraph(rng, code, 60) + "\n"


def home_page(code: str) -> tuple[dict, str]:
    """The home page, with the list of topics our hooks put in (an HTML comment for the reference)."""
    meta, body = simple_page(code, HOME_TITLE, "home-")
    return meta, body + "\n<!-- insert: topic-list -->\n"


def generate(docs_dir: Path, articles: int) -> list[str]:
    """Write the corpus under `docs_dir`; return the English page names, in nav order."""
    codes, topics = load_site()
    default = codes[0]
    pages: dict[str, callable] = {
        "index.md": lambda code: home_page(code),
        "getting-help.md": lambda code: simple_page(code, HELP_TITLE, "help-"),
    }
    for index in range(1, articles + 1):
        pages[article_name(index)] = lambda code, index=index: article(code, index, topics)
    for code in codes:
        (docs_dir / code).mkdir(parents=True, exist_ok=True)
    for name, make in pages.items():
        meta, body = make(default)
        original = page_text(meta, body)
        (docs_dir / default / name).write_text(original, encoding="utf-8")
        for code in codes[1:]:
            meta, body = make(code)
            meta = {**meta, "source_hash": source_hash(original), "reviewed": False}
            (docs_dir / code / name).write_text(page_text(meta, body), encoding="utf-8")
    names = ["index.md"] + [article_name(i) for i in range(1, articles + 1)] + ["getting-help.md"]
    nav = nav_entries(names, "ours")
    (docs_dir.parent / "nav.yml").write_text(yaml.safe_dump({"nav": nav}, sort_keys=False), encoding="utf-8")
    return names


def nav_entries(names: list[str], project: str) -> list[str]:
    """The corpus nav.

    Ours is a library's: home, help and the topics index; the articles are reached through the topic
    pages (our hooks generate `tags/index.md` and a page per topic, each listing its articles), the
    home page's topic list and the search, not through a sidebar of a thousand links that every page
    would carry (N pages x N links: 3.7 GB of HTML at N = 1,000). The reference's is the usual one:
    every page (MkDocs' own default when no nav is given), and a `tags.md` page per language holding
    Material's tags listing.
    """
    if project == "ours":
        return ["index.md", "getting-help.md", "tags/index.md"]
    return list(names) + ["tags.md"]


NOT_IN_NAV = "/article-*.md"  # our corpus's articles: listed on the topic pages, not in the nav


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs_dir", type=Path)
    parser.add_argument("--articles", type=int, default=100)
    args = parser.parse_args()
    names = generate(args.docs_dir, args.articles)
    print(f"Wrote {len(names)} pages in each language under {args.docs_dir}")


if __name__ == "__main__":
    main()
