// Stand-in: the real testlib.h is not needed to load the package.
