#pragma once

#include <QByteArray>
#include <QList>

namespace stills {

// Incremental parser of a server-sent event stream (text/event-stream): bytes go in as they
// arrive, in pieces of any size (a line or an event may be split anywhere), events come out as
// soon as their closing blank line has arrived. Follows the WHATWG rules that matter for chat
// servers: "data:" lines of one event are joined with '\n', one space after the colon is
// dropped, lines starting with ':' are comments (keep-alives), CRLF and LF both end a line.
//
// Thread contract: a plain value; one stream per object.
class SseParser
{
public:
    struct Event {
        QByteArray name; // the "event:" field, empty for the default "message"
        QByteArray data;
    };

    // The events completed by `bytes`. Stops taking bytes once a line grows over MaxLineBytes
    // (see overflowed()): a server that never ends a line is not followed into memory exhaustion.
    QList<Event> feed(const QByteArray &bytes);
    // At the end of the stream: the last event when the server closed without its blank line.
    QList<Event> finish();

    bool overflowed() const { return m_overflowed; }
    static constexpr qsizetype MaxLineBytes = 16 * 1024 * 1024;

private:
    void takeLine(QByteArray line, QList<Event> &events);
    void dispatch(QList<Event> &events);

    QByteArray m_partialLine;
    QByteArray m_name;
    QByteArray m_data;
    bool m_hasData = false;
    bool m_overflowed = false;
};

} // namespace stills
