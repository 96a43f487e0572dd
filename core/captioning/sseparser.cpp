#include "sseparser.h"

#include <utility>

namespace stills {

QList<SseParser::Event> SseParser::feed(const QByteArray &bytes)
{
    QList<Event> events;
    if (m_overflowed)
        return events;
    m_partialLine += bytes;
    qsizetype start = 0;
    for (;;) {
        const qsizetype newline = m_partialLine.indexOf('\n', start);
        if (newline < 0)
            break;
        QByteArray line = m_partialLine.mid(start, newline - start);
        if (line.endsWith('\r'))
            line.chop(1);
        takeLine(std::move(line), events);
        start = newline + 1;
    }
    m_partialLine.remove(0, start);
    if (m_partialLine.size() > MaxLineBytes) {
        m_overflowed = true;
        m_partialLine.clear();
    }
    return events;
}

QList<SseParser::Event> SseParser::finish()
{
    QList<Event> events;
    if (!m_overflowed && !m_partialLine.isEmpty()) {
        QByteArray line = std::exchange(m_partialLine, {});
        if (line.endsWith('\r'))
            line.chop(1);
        takeLine(std::move(line), events);
    }
    dispatch(events);
    return events;
}

void SseParser::takeLine(QByteArray line, QList<Event> &events)
{
    if (line.isEmpty()) {
        dispatch(events);
        return;
    }
    if (line.startsWith(':'))
        return; // a comment, typically a keep-alive
    const qsizetype colon = line.indexOf(':');
    const QByteArray field = colon < 0 ? line : line.left(colon);
    QByteArray value = colon < 0 ? QByteArray() : line.mid(colon + 1);
    if (value.startsWith(' '))
        value.remove(0, 1);
    if (field == "data") {
        if (m_hasData)
            m_data += '\n';
        m_data += value;
        m_hasData = true;
    } else if (field == "event") {
        m_name = value;
    }
    // "id" and "retry" mean nothing to a single request; unknown fields are ignored, as the rules say.
}

void SseParser::dispatch(QList<Event> &events)
{
    if (m_hasData)
        events.append({m_name, m_data});
    m_name.clear();
    m_data.clear();
    m_hasData = false;
}

} // namespace stills
