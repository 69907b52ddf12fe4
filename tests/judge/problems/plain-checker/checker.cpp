#include "testlib.h"
int main(int argc, char *argv[]) { registerTestlibCmd(argc, argv); quitf(_ok, "ok"); }
