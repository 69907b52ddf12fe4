/* Counts up from 1 and fails the moment its input ends: when the interactor gives up after
 * 10 guesses, this exits with 3 right after it. The interactor ended first: WA, not RE. */
#include <stdio.h>
#include <string.h>

int main(void)
{
    char reply[32];
    for (int guess = 1;; ++guess) {
        printf("%d\n", guess);
        fflush(stdout);
        if (!fgets(reply, sizeof reply, stdin))
            return 3;
        if (strncmp(reply, "correct", 7) == 0)
            return 0;
    }
}
