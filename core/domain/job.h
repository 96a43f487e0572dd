#pragma once

#include <QJsonObject>
#include <QString>

namespace stills {

// A unit of background work, persisted so that it can be shown, cancelled and resumed.
struct Job {
    enum class State { Queued, Running, Done, Failed, Cancelled };

    qint64 id = 0;
    QString kind; // "import", "thumbnails", "caption", "export"
    QJsonObject parameters;
    State state = State::Queued;
    qint64 done = 0;
    qint64 total = 0;
    qint64 failed = 0;
    QString error;
    qint64 createdMs = 0;
    qint64 startedMs = 0;
    qint64 finishedMs = 0;
    qint64 heartbeatMs = 0; // last sign of life of the process running it

    static QString stateName(State s);
    static State stateFromName(const QString &name);
};

} // namespace stills
