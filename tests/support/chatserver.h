#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QTcpServer>

class QTcpSocket;

namespace stills::test {

// "data: <json>\n\n": a streamed chat completion chunk carrying `content`.
QByteArray contentEvent(const QString &content);
// "data: <json>\n\n": the chunk that ends a choice with `reason` ("stop", "length"...).
QByteArray finishEvent(const char *reason);
// "data: [DONE]\n\n"
QByteArray doneEvent();

// An OpenAI-style chat server on 127.0.0.1, scripted by a test: it reads HTTP/1.1 requests
// (headers and a Content-Length body, several per connection when the client keeps it open) and
// answers each as told. Lives on the test's main thread: the client must run on another thread or
// in another process while the test's event loop (QTRY_*, QSignalSpy::wait) keeps this going.
class ChatServer : public QObject
{
public:
    enum class Answer {
        ChunkedStream, // text/event-stream, Transfer-Encoding: chunked, one chunk per piece
        ClosedStream,  // text/event-stream, no length: the body ends when the connection closes
        Whole,         // one body with Content-Length, then the connection closes
        Silent,        // reads the request, never answers
    };

    struct Request {
        QByteArray head; // request line and headers
        QByteArray body;
        QByteArray requestLine() const;
        QByteArray header(const QByteArray &name) const; // case-insensitive
        QJsonObject json() const;
    };

    ChatServer();
    ~ChatServer() override;

    bool listen();
    QString url() const; // "http://127.0.0.1:<port>/v1"

    Answer answer = Answer::ChunkedStream;
    int status = 200;
    QByteArray reason = QByteArrayLiteral("OK");
    QByteArray contentType = QByteArrayLiteral("text/event-stream");
    QList<QByteArray> pieces; // each answer's body, in the pieces it is written in
    bool stepwise = false;    // write a piece only when the test calls sendNext()
    bool keepRequests = true; // false: requests() holds only the last one (long runs)

    const QList<Request> &requests() const { return m_requests; }
    bool requestComplete() const { return !m_requests.isEmpty(); }
    const Request &lastRequest() const { return m_requests.last(); }

    // The next piece of the answer being written (stepwise); after the last, the answer's end.
    void sendNext();

private:
    void read(QTcpSocket *socket);
    void respond(QTcpSocket *socket);
    void writePiece(const QByteArray &piece);
    void end();

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<Request> m_requests;
    QTcpSocket *m_answering = nullptr; // the connection the answer in progress goes to
    qsizetype m_next = 0;
    bool m_ended = true;
};

} // namespace stills::test
