#pragma once

#include "requestgate.h"

#include <QHostAddress>
#include <QObject>
#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponse;

namespace evalx {

class Engine;
class HealthController;
class Judge0Controller;
class MetricsController;
class NativeController;
class PistonController;
class ReportController;
class SubmissionStreams;

struct ApiOptions
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 3000;
    GateOptions gate; // authentication, body size, rate and CORS
};

// The HTTP front of the engine. Each resource has a controller of its own;
// this class only owns the server and wires routes to them.
class ApiServer final : public QObject
{
    Q_OBJECT
public:
    ApiServer(Engine &engine, ApiOptions options, QObject *parent = nullptr);
    ~ApiServer() override;

    // Starts listening; the port actually bound (the options' port may be 0).
    bool listen(QString *error);
    quint16 port() const { return m_port; }

    const RequestGate &gate() const { return *m_gate; }
    // Returns once every request waiting for a job has its answer (at
    // shutdown, after the queue has drained).
    void drain();

private:
    Engine &m_engine;
    ApiOptions m_options;
    std::unique_ptr<QHttpServer> m_server;
    std::unique_ptr<RequestGate> m_gate;
    std::unique_ptr<HealthController> m_health;
    std::unique_ptr<Judge0Controller> m_judge0;
    std::unique_ptr<MetricsController> m_metrics;
    std::unique_ptr<PistonController> m_piston;
    std::unique_ptr<NativeController> m_native;
    std::unique_ptr<ReportController> m_reports;
    std::unique_ptr<SubmissionStreams> m_streams;
    quint16 m_port = 0;
};

} // namespace evalx
