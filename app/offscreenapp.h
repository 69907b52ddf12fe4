#pragma once

#include <QCoreApplication>
#include <memory>

namespace evalx::app {

// The application object of the verbs and the headless server: a
// QGuiApplication on Qt's offscreen platform where its plugin is installed
// (PDF reports need fonts and a paint engine, never a display), else a
// QCoreApplication, with which everything but PDF works. argc and argv must
// outlive it.
std::unique_ptr<QCoreApplication> makeOffscreenApplication(int &argc, char **argv);

} // namespace evalx::app
