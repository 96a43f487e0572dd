#include "progressprinter.h"

#include <cstdio>
#include <unistd.h>

namespace stills {

ProgressPrinter::ProgressPrinter(QString what, bool enabled)
    : m_what(std::move(what))
    , m_enabled(enabled)
    , m_terminal(isatty(STDERR_FILENO) == 1)
{
    m_sinceLast.start();
    m_sinceStart.start();
}

ProgressPrinter::~ProgressPrinter()
{
    finish();
}

void ProgressPrinter::update(qint64 done, qint64 total)
{
    if (!m_enabled)
        return;
    const bool last = total > 0 && done >= total;
    const qint64 interval = m_terminal ? 100 : 3000;
    if (!last && m_sinceLast.elapsed() < interval && m_drawn)
        return;
    m_sinceLast.restart();
    const double seconds = std::max<qint64>(1, m_sinceStart.elapsed()) / 1000.0;
    const QString line = total > 0 ? QStringLiteral("%1: %2/%3 (%4%), %5/s")
                                         .arg(m_what)
                                         .arg(done)
                                         .arg(total)
                                         .arg(int(100.0 * double(done) / double(total)))
                                         .arg(double(done) / seconds, 0, 'f', 0)
                                   : QStringLiteral("%1: %2").arg(m_what).arg(done);
    if (m_terminal)
        std::fprintf(stderr, "\r\033[K%s", line.toLocal8Bit().constData());
    else
        std::fprintf(stderr, "%s\n", line.toLocal8Bit().constData());
    std::fflush(stderr);
    m_drawn = true;
}

void ProgressPrinter::finish()
{
    if (m_enabled && m_terminal && m_drawn)
        std::fprintf(stderr, "\n");
    m_drawn = false;
}

} // namespace stills
