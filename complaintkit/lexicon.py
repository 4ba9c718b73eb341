"""Word lists that the guide's decisions rest on, written for complaintkit.

Patterns run on lower-cased text with ё written as е, either raw or normalised (with
placeholders); they must not depend on the placeholders.
Stems are deliberately short to catch inflected forms; masked swearing ("б**дь",
"пи@дец", "х*рня") is caught by its shape: a Cyrillic word with mask symbols inside.
"""

from __future__ import annotations

import re

# Swearing: obscene roots and rude-but-common words, matched at word starts.
SWEAR_RE = re.compile(
    r"(?<![а-я])(?:"
    r"х[уy][йяеюи]|хер|хрен|пизд|п[иеё]зд|[ьъ]?еб[аеиуло]|[ьъ]?ебн|заеб|уеб|выеб|отъеб|"
    r"бля|бляд|сук[аиу]|сучк|мудак|мудил|муда|гондон|залуп|говн|дерьм|срань|сран|жоп|"
    r"задолбал|охренел|офигел|обалдел|фигн|фиг|хрень|херн|хер[ао]|твар[ьи]|гад[ыо]|урод"
    r")",
)
# A Cyrillic word with mask characters inside: "б**дь", "пи@дец", "х*рня", "бл#".
MASKED_SWEAR_RE = re.compile(r"(?<![\w*])[а-я]{1,4}[*@#$%]+[а-я]*(?![\w*])")

# Insults aimed at people or groups (the troll's target is the audience).
PEOPLE_INSULT_RE = re.compile(
    r"\b(?:лох|идиот|дебил|дегенерат|баран|овц[аы]|овечк|хомяк|хомячк|быдл|"
    r"тупые|тупорыл|нищеброд|нищук|неудачник|лузер|клоун|бот[ыов]|ботов|кретин|даун|"
    r"олен[иья]|плебе|колхозник|терпил|имбецил)"
)
# Phrases that generalise over the audience: "все, кто", "только ... берут".
AUDIENCE_RE = re.compile(
    r"(?:\bвсе,? кто\b|\bкто (?:вообще )?(?:сюда|тут|у вас|к вам)\b|"
    r"\bтолько (?:лох|идиот|дурак|нищ)|"
    r"\bвы все\b|\bвсе вы\b|\bвас всех\b|\bвсем вам\b|\bнарод,? (?:вы|очнитесь)\b|"
    r"\bкомментатор|\bхейтер|\bфанат)"
)
SECOND_PERSON_RE = re.compile(r"\b(?:вы|вас|вам|вами|ваш\w*)\b")

# Pushing an alternative: another place, "go there", links, promo codes, referrals.
COMPETITOR_RE = re.compile(
    r"(?:\bпереход(?:ите|и|ить)\b|\bперешел|\bперешла|\bушел в\b|\bушла в\b|\bлучше (?:в|к|на)\b|"
    r"\bсоветую\b|\bрекомендую\b|\bпромокод|\bпромо-код|\bреферал|\bпо ссылке\b|"
    r"\bссылка в (?:профиле|шапке|био)|\bв (?:профиле|шапке)\b|\bто ли дело\b|\bв отличие от\b|"
    r"\bу конкурент|\bнормальн\w* (?:банк|оператор|клиник|магазин|сервис|кафе|место|доставк)\w*|"
    r"\bвсем советую\b|\bне то что\b|\bдешевле и\b|\bвкуснее и\b|\bскидк\w* по\b)"
)
# Demand and popularity: sold out, fully booked, packed, waiting lists.
DEMAND_RE = re.compile(
    r"(?:раскуп|разобрал|размел|смели\b|нет в наличии|закончил(?:ись|ось|ся)|кончил(?:ись|ось)|"
    r"распродан|все расписан|расписан\w* на|запись (?:на|только)|все занято|мест нет|нет мест|"
    r"не протолкнуться|не пробиться|аншлаг|битком|лист ожидания|предзаказ|очередь за\b|"
    r"не достать|не успел\w* купить|слишком вкусн|невозможно оторваться|подсел|"
    r"опять нет (?:в продаже|свободн)|все билеты|sold out)"
)
# A failure happening to the author: checkable incidents.
FAILURE_RE = re.compile(
    r"(?:\bне работает|\bне работают|\bне работал|\bне могу\b|\bне получается|\bне проходит|"
    r"\bне приходит|\bне пришл|\bне пришел|\bне ловит|\bне грузит|\bне открывается|\bвылетает|"
    r"\bлежит\b|\bупал\b|\bсбой|\bошибк|\bсписал|\bсписыва|\bзаблокир|\bотключил|\bпропал|"
    r"\bне дозвон|\bвисит\b|\bзавис|\bне вернул|\bдважды\b|\bдо сих пор\b|\bтретий день|"
    r"\bвторой день|\bс утра\b|\bсо вчера|\bвчера\b|\bсегодня\b|\bне доставил|\bопоздал|"
    r"\bзадерж|\bотменил|\bсломал|\bбрак|\bразбит|\bпросрочен|\bнет связи|\bнет интернета|"
    r"\bне дали\b|\bне выдал|\bне принял|\bотказал)"
)
# Concrete details beyond the placeholders: places, units of time and money, roles.
DETAIL_RE = re.compile(
    r"(?:\bул\.|\bулиц|\bпроспект|\bпр-т|\bпереул|\bшоссе\b|\bтц\b|\bтрц\b|"
    r"\bд\. ?\d|\bотделени|\bфилиал|\bофис\w* на\b|\bминут|\bчас(?:а|ов)?\b|\bдн(?:я|ей)\b|\bнедел|"
    r"\bмесяц|\bкурьер|\bоператор|\bкассир|\bмастер|\bврач|\bадминистратор|\bменеджер|"
    r"\bводител|\bзаказ|\bдоговор|\bкарт[аеуы]\b|\bтариф|\bсчет|\bприложени|\bсайт|"
    r"\bличн\w* кабинет)"
)
NEWS_RE = re.compile(
    r"(?:\brt (?:@|_mention_)|\bсообщает\b|\bсообщил[иа]?\b|\bзаявил[иа]?\b|\bпо данным\b|\bрбк\b|"
    r"\bинтерфакс|\bтасс\b|\bриа\b|\bведомост|\bкоммерсант|\bцб\b|\bбанк россии\b|\bсуд\b|"
    r"\bштраф|\bакци[ия] компании|\bвыручк|\bприбыл[ьи]\b|\bмлрд\b|\bпресс-служб)"
)
SPAM_RE = re.compile(
    r"(?:\bвзять кредит|\bкредит без|\bзаймы?\b|\bонлайн без|\bбез справок|\bбез отказа|"
    r"\bзаработ\w* от|\bзаработок|\bподписывайтесь|\bскидк\w* до|\bакция!|\bбесплатно\b)"
)
POLITE_RE = re.compile(
    r"(?:\bпожалуйста\b|\bспасибо\b|\bблагодар|\bздравствуйте\b|\bдобрый (?:день|вечер)|"
    r"\bподскажите\b|\bизвините\b)"
)
PRAISE_RE = re.compile(
    r"(?:\bспасибо\b|\bблагодар|\bмолодц|\bотличн|\bсупер\b|\bкласс\b|\bлучш(?:ий|ая|ее)\b|"
    r"\bрекоменд|\bвсе понравил|\bдовол[ьен]|\bбыстро\b|\bвежлив)"
)
NEGATION_WORDS: frozenset[str] = frozenset({"не", "ни", "нет", "без"})
