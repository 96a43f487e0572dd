#pragma once

#include <QElapsedTimer>
#include <QString>

namespace stills {

// Progress of long command-line work on stderr: a line redrawn in place on a terminal, and an
// occasional plain line (every few seconds) when stderr is a file or a pipe.
class ProgressPrinter
{
public:
    explicit ProgressPrinter(QString what, bool enabled = true);
    ~ProgressPrinter();

    void update(qint64 done, qint64 total);
    void finish();

private:
    QString m_what;
    bool m_enabled;
    bool m_terminal;
    bool m_drawn = false;
    QElapsedTimer m_sinceLast;
    QElapsedTimer m_sinceStart;
};

} // namespace stills
