#pragma once

#include <QList>
#include <QString>

namespace stills {

// One value an attribute can take ("Night" for "Time of day").
struct AttributeOption {
    qint64 id = 0;
    QString value; // stable key, stored; e.g. "night"
    QString label; // shown to the user
};

// An attribute of the vocabulary (ShotDeck-like: colour, time of day, shot type, ...).
struct Attribute {
    qint64 id = 0;
    QString key; // stable key, e.g. "time_of_day"
    QString label;
    bool multiValued = false;
    QList<AttributeOption> options;
};

} // namespace stills
