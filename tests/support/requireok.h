#pragma once

#include <QTest>

// Fails the current test with the error's message when a stills::Result / Status is not ok.
#define REQUIRE_OK(expr)                                                                                          \
    do {                                                                                                          \
        const auto &_r = (expr);                                                                                  \
        if (!_r.ok())                                                                                             \
            QFAIL(qPrintable(QStringLiteral(#expr " failed: ") + _r.error().message));                            \
    } while (false)
