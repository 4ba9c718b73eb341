"""The six complaint types and what a brand should do about each.

The wording follows ``shared/response-playbook.md`` (the literature summary), in our
own words; reply drafts are short templates for a human to adapt, never to post as is.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

LABELS: tuple[str, ...] = (
    "constructive",
    "impulsive",
    "competitor_planted",
    "troll",
    "hidden_praise",
    "other",
)

#: Label given to missing, empty or whitespace-only texts.
EMPTY_LABEL = "other"


@dataclass(frozen=True)
class Response:
    """What to do about one complaint type."""

    label: str
    russian_name: str
    priority: int  # 0 = no reaction needed, 4 = answer first
    priority_name: str
    action: str
    reply_draft: str | None


_RESPONSES = {
    "constructive": Response(
        "constructive",
        "Конструктивный негатив",
        4,
        "срочно",
        "Поблагодарить, извиниться, назвать проблему и дать конкретный следующий шаг со сроком; "
        "перевести в личные сообщения; при вине компании предложить компенсацию; "
        "публично сообщить, когда исправлено.",
        "Здравствуйте! Спасибо, что написали, и простите за эту ситуацию. Мы уже передали "
        "проблему специалистам. Напишите, пожалуйста, в личные сообщения номер заказа или "
        "договора — разберёмся и вернёмся с ответом сегодня.",
    ),
    "impulsive": Response(
        "impulsive",
        "Импульсивный негатив",
        3,
        "высокий",
        "Ответить спокойно и вежливо, не спорить; спросить, что именно случилось, "
        "и предложить помощь в личных сообщениях. Один ответ, без эскалации.",
        "Здравствуйте! Нам жаль, что у вас сложилось такое впечатление. Расскажите, "
        "пожалуйста, что произошло — в личных сообщениях разберёмся и постараемся помочь.",
    ),
    "competitor_planted": Response(
        "competitor_planted",
        "Конкурентный негатив",
        2,
        "средний",
        "Вежливо попросить подробности: какой продукт, отделение или сотрудник, дата и время, "
        "номер заказа; предложить разобраться. Проверить, клиент ли автор.",
        "Здравствуйте! Нам важно разобраться. Уточните, пожалуйста, где и когда это было "
        "и номер заказа или договора — проверим каждую деталь.",
    ),
    "troll": Response(
        "troll",
        "Троллинг",
        0,
        "не отвечать",
        "Не отвечать. Скрыть или пожаловаться, если нарушены закон или правила площадки; "
        "защитить других комментаторов, если их оскорбляют.",
        None,
    ),
    "hidden_praise": Response(
        "hidden_praise",
        "Скрытая похвала",
        1,
        "низкий",
        "Тепло поблагодарить за интерес и предложить альтернативу: предзаказ, запись заранее, "
        "лист ожидания, другой филиал или время, похожий товар.",
        "Спасибо, что так ждёте! Мы сами рады такому спросу. Можем записать вас в лист "
        "ожидания или оформить предзаказ — напишите нам в личные сообщения.",
    ),
    "other": Response(
        "other",
        "Не жалоба",
        0,
        "нет",
        "Жалобы нет. На вопрос ответить, за похвалу поблагодарить, новости и рекламу оставить.",
        None,
    ),
}

RESPONSES: MappingProxyType[str, Response] = MappingProxyType(_RESPONSES)


def response_for(label: str) -> Response:
    """Return the playbook entry of ``label``; raise ``LabelError`` for an unknown label."""
    from .errors import LabelError

    try:
        return RESPONSES[label]
    except KeyError:
        raise LabelError(f"label={label!r} is not one of {LABELS}") from None
