/* Binary search over 1..1000; argv-less variants misbehave on purpose:
 * input-independent, so the mode is compiled in with -DMODE. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
    int lo = 1, hi = 1000;
    char reply[32];
    for (;;) {
        int mid = (lo + hi) / 2;
#if MODE == 1
        mid = 1; /* always the same guess: the interactor gives up */
#endif
        printf("%d\n", mid);
        fflush(stdout);
#if MODE == 2
        for (;;) /* stalls after the first guess */
            pause();
#endif
#if MODE == 3
        *(volatile int *)0 = 1; /* crashes after the first guess */
#endif
        if (!fgets(reply, sizeof reply, stdin))
            return 3;
        if (strncmp(reply, "correct", 7) == 0)
            return 0;
        if (strncmp(reply, "higher", 6) == 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
}
