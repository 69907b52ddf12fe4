/* Crashes after its first reply, with the interactor still waiting: RE, not the interactor's
 * complaint about the silence that follows. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    char reply[32];
    printf("500\n");
    fflush(stdout);
    if (fgets(reply, sizeof reply, stdin))
        abort();
    return 0;
}
