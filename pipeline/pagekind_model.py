"""The trained article-or-not model of pipeline/pagekind.py: its weights, bias and threshold,
and the name each feature goes by in `kind_signal`. Data, not code: bench/train_pagekind.py
prints the first three to paste here.
"""

# Trained by bench/train_pagekind.py (logistic regression on standardised features, WCXB dev
# pages with even ids and ../shared/realpages); rerun it to reproduce these numbers.
# name: (mean, scale, weight). A positive weight pulls towards "article".
WEIGHTS: dict[str, tuple[float, float, float]] = {
    'authored': (0.5378, 0.4986, 0.7241),
    'printed_date': (0.1263, 0.3322, 0.6027),
    'unmarked_reported': (0.0174, 0.133, 0.5574),
    'length': (8.6895, 1.0442, 0.5555),
    'code': (0.289, 1.048, -0.5188),
    'controls': (2.3153, 1.2535, -0.4892),
    'posts': (0.726, 1.1135, -0.4494),
    'reported': (0.1283, 0.3014, 0.4389),
    'headline': (1.7635, 0.7918, 0.4238),
    'sections': (0.1227, 1.3071, -0.4219),
    'dated': (0.5195, 0.4996, 0.4033),
    'article_type': (0.3125, 0.4635, 0.3742),
    'prose': (0.8945, 0.1469, 0.3399),
    'teasers': (0.679, 1.067, -0.3355),
    'ld_person': (0.276, 0.447, 0.3308),
    'cms_post': (0.224, 0.4169, 0.3279),
    'paragraphs': (2.5624, 1.1365, 0.3237),
    'ld_questions': (0.0482, 0.2141, -0.2973),
    'phones': (0.1953, 0.4803, 0.273),
    'og_article': (0.5365, 0.4987, 0.2692),
    'times': (0.3694, 0.7329, -0.2586),
    'ld_page_only': (0.1003, 0.3003, -0.2479),
    'unmarked_prose': (0.2198, 0.3834, 0.216),
    'unmarked_controls': (0.6338, 1.308, -0.2137),
    'cms_page': (0.1354, 0.3422, -0.2113),
    'you': (0.8602, 0.6699, -0.207),
    'we': (0.4305, 0.4559, -0.1657),
    'calls_to_action': (0.607, 0.715, -0.1584),
    'unmarked_calls_to_action': (0.1691, 0.4797, -0.142),
    'unmarked': (0.2604, 0.4389, -0.1305),
    'dated_lines': (0.0568, 0.3385, -0.1277),
    'shop': (0.5605, 1.246, -0.124),
    'unmarked_we': (0.1291, 0.3431, -0.0951),
    'og_website': (0.2005, 0.4004, -0.0715),
    'unmarked_sections': (0.1275, 0.8908, 0.0687),
    'cut_lines': (0.0234, 0.1513, -0.0677),
    'nav_links': (2.7477, 1.7148, -0.0656),
    'article_elements': (0.5859, 0.8948, -0.0648),
    'ld_ratings': (0.0339, 0.1809, 0.0373),
    'docs': (0.5689, 1.1437, -0.0257),
    'unmarked_you': (0.2424, 0.5512, 0.0228),
    'link_lines': (0.01, 0.0408, -0.0113),
}
BIAS = 1.321
THRESHOLD = -2.5396
# The name each feature goes by in kind_signal, by the direction it pulled.
SIGNAL_NAMES = {
    "article_type": "json-ld", "og_article": "og:type", "og_website": "og:type", "dated": "dated",
    "printed_date": "dated", "authored": "byline", "shop": "shop", "code": "docs", "docs": "docs",
    "posts": "posts", "times": "posts", "controls": "controls", "paragraphs": "prose", "sections": "sections",
    "length": "prose", "prose": "prose", "teasers": "teasers", "link_lines": "teasers", "cut_lines": "teasers",
    "phones": "phone-links", "article_elements": "teasers", "nav_links": "docs", "cms_post": "cms-template",
    "cms_page": "cms-template", "headline": "headline", "calls_to_action": "calls-to-action", "we": "first-person",
    "you": "second-person", "dated_lines": "teasers", "unmarked": "unmarked",
    "unmarked_we": "first-person", "unmarked_you": "second-person", "unmarked_calls_to_action": "calls-to-action",
    "unmarked_sections": "sections", "unmarked_controls": "controls", "unmarked_reported": "reported-speech",
    "unmarked_prose": "prose", "ld_page_only": "json-ld:WebPage", "ld_person": "json-ld:Person",
    "ld_questions": "json-ld:FAQPage", "ld_ratings": "json-ld:Review",
    "reported": "reported-speech",
}
