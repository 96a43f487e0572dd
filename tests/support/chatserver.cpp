#include "chatserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>

namespace stills::test {

QByteArray contentEvent(const QString &content)
{
    const QJsonObject chunk{
        {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
        {QStringLiteral("choices"),
         QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                {QStringLiteral("delta"), QJsonObject{{QStringLiteral("content"), content}}}}}}};
    return "data: " + QJsonDocument(chunk).toJson(QJsonDocument::Compact) + "\n\n";
}

QByteArray finishEvent(const char *reason)
{
    return QByteArrayLiteral("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"") + reason + "\"}]}\n\n";
}

QByteArray doneEvent()
{
    return QByteArrayLiteral("data: [DONE]\n\n");
}

QByteArray ChatServer::Request::requestLine() const
{
    return head.left(head.indexOf("\r\n"));
}

QByteArray ChatServer::Request::header(const QByteArray &name) const
{
    const QList<QByteArray> lines = head.split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == name.toLower())
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

QJsonObject ChatServer::Request::json() const
{
    return QJsonDocument::fromJson(body).object();
}

ChatServer::ChatServer()
{
    QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            m_buffers.insert(socket, {});
            QObject::connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
            QObject::connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                m_buffers.remove(socket);
                if (m_answering == socket)
                    m_answering = nullptr;
                socket->deleteLater();
            });
        }
    });
}

ChatServer::~ChatServer()
{
    // The connections' sockets are the server's children and outlive this object's members:
    // nothing of theirs may call back into a half-destroyed server.
    const QList<QTcpSocket *> sockets = m_server.findChildren<QTcpSocket *>();
    for (QTcpSocket *socket : sockets)
        socket->disconnect(this);
    m_server.close();
}

bool ChatServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QString ChatServer::url() const
{
    return QStringLiteral("http://127.0.0.1:%1/v1").arg(m_server.serverPort());
}

void ChatServer::read(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (;;) {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        Request request;
        request.head = buffer.left(headEnd);
        const qsizetype length = request.header("content-length").toLongLong();
        if (buffer.size() < headEnd + 4 + length)
            return;
        request.body = buffer.mid(headEnd + 4, length);
        buffer.remove(0, headEnd + 4 + length);
        if (!keepRequests)
            m_requests.clear(); // only the last is kept
        m_requests.append(request);
        respond(socket);
    }
}

void ChatServer::respond(QTcpSocket *socket)
{
    if (answer == Answer::Silent)
        return;
    m_answering = socket;
    m_next = 0;
    m_ended = false;
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\nContent-Type: " + contentType + "\r\n";
    if (answer == Answer::ChunkedStream)
        head += "Transfer-Encoding: chunked\r\nCache-Control: no-cache\r\n";
    else if (answer == Answer::ClosedStream)
        head += "Connection: close\r\n";
    else
        head += "Content-Length: " + QByteArray::number(pieces.join().size()) + "\r\nConnection: close\r\n";
    socket->write(head + "\r\n");
    socket->flush();
    if (!stepwise)
        do
            sendNext();
        while (m_next < pieces.size());
}

void ChatServer::sendNext()
{
    if (m_next < pieces.size())
        writePiece(pieces.at(m_next++));
    if (m_next == pieces.size())
        end();
}

void ChatServer::writePiece(const QByteArray &piece)
{
    if (!m_answering)
        return;
    if (answer == Answer::ChunkedStream)
        m_answering->write(QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n");
    else
        m_answering->write(piece);
    m_answering->flush();
}

void ChatServer::end()
{
    if (m_ended || !m_answering)
        return;
    m_ended = true;
    if (answer == Answer::ChunkedStream) {
        m_answering->write("0\r\n\r\n");
        m_answering->flush();
    } else {
        m_answering->disconnectFromHost();
    }
}

} // namespace stills::test
