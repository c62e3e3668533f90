/*
 * A stand-in for Windows' bcryptprimitives.dll, for the Wine test only (scripts/test-windows.sh
 * puts it into the Wine prefix's system32; it is never shipped). Rust's standard library takes
 * its random seeds from ProcessPrng in bcryptprimitives.dll, which every Windows 10/11 has but
 * Debian 12's Wine 8.0 does not, so that no Rust program starts there. This one answers with
 * RtlGenRandom (advapi32's SystemFunction036), which Wine has.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
