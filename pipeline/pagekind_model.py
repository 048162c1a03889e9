"""The trained article-or-not model of pipeline/pagekind.py: its weights, bias and threshold,
and the name each feature goes by in `kind_signal`. Data, not code: bench/train_pagekind.py
prints the first three to paste here.
"""

# Trained by bench/train_pagekind.py (logistic regression on standardised features, WCXB dev
# pages with even ids and ../shared/realpages); rerun it to reproduce these numbers.
# name: (mean, scale, weight). A positive weight pulls towards "article".
WEIGHTS: dict[str, tuple[float, float, float]] = {
    'authored': (0.5378, 0.4986, 0.7351),
    'printed_date': (0.1263, 0.3322, 0.5909),
    'unmarked_reported': (0.0174, 0.133, 0.5664),
    'length': (8.6895, 1.0442, 0.5551),
    'controls': (2.3153, 1.2535, -0.4915),
    'reported': (0.1283, 0.3014, 0.446),
    'posts': (0.726, 1.1135, -0.4453),
    'headline': (1.7635, 0.7918, 0.437),
    'unmarked_code': (0.1326, 0.753, -0.4191),
    'code': (0.289, 1.048, -0.4042),
    'sections': (0.1227, 1.3071, -0.4015),
    'dated': (0.5195, 0.4996, 0.38),
    'article_type': (0.3125, 0.4635, 0.3755),
    'cms_post': (0.224, 0.4169, 0.3384),
    'teasers': (0.679, 1.067, -0.3267),
    'ld_person': (0.276, 0.447, 0.3176),
    'paragraphs': (2.5624, 1.1365, 0.3116),
    'prose': (0.8945, 0.1469, 0.3059),
    'phones': (0.1953, 0.4803, 0.2922),
    'ld_questions': (0.0482, 0.2141, -0.292),
    'og_article': (0.5365, 0.4987, 0.2662),
    'times': (0.3694, 0.7329, -0.2563),
    'ld_page_only': (0.1003, 0.3003, -0.2407),
    'unmarked_prose': (0.2198, 0.3834, 0.2385),
    'you': (0.8602, 0.6699, -0.2051),
    'cms_page': (0.1354, 0.3422, -0.2003),
    'we': (0.4305, 0.4559, -0.192),
    'calls_to_action': (0.607, 0.715, -0.1627),
    'unmarked_calls_to_action': (0.1691, 0.4797, -0.1595),
    'unmarked_nav_links': (0.6789, 1.5106, -0.1512),
    'unmarked_we': (0.1291, 0.3431, -0.1332),
    'dated_lines': (0.0568, 0.3385, -0.1319),
    'unmarked_controls': (0.6338, 1.308, -0.1238),
    'shop': (0.5605, 1.246, -0.1191),
    'og_website': (0.2005, 0.4004, -0.0779),
    'article_elements': (0.5859, 0.8948, -0.0633),
    'nav_links': (2.7477, 1.7148, -0.0435),
    'ld_ratings': (0.0339, 0.1809, 0.0426),
    'cut_lines': (0.0234, 0.1513, -0.0336),
    'unmarked_you': (0.2424, 0.5512, 0.0275),
    'unmarked_sections': (0.1275, 0.8908, 0.0241),
    'link_lines': (0.01, 0.0408, -0.0235),
    'unmarked': (0.2604, 0.4389, -0.0201),
    'unmarked_docs': (0.1777, 0.7067, 0.0071),
    'docs': (0.5689, 1.1437, -0.0002),
}
BIAS = 1.2767
THRESHOLD = -2.4669
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
    "unmarked_prose": "prose", "unmarked_code": "docs", "unmarked_docs": "docs", "unmarked_nav_links": "docs",
    "ld_page_only": "json-ld:WebPage", "ld_person": "json-ld:Person",
    "ld_questions": "json-ld:FAQPage", "ld_ratings": "json-ld:Review",
    "reported": "reported-speech",
}
