// Does not compile: the package is broken, not the submissions.
#include <cstdlib>

int main()
{
    return this_is_not_declared;
}
