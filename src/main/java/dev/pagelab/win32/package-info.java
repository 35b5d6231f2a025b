/**
 * The Win32 facade: VirtualAlloc, VirtualFree, VirtualProtect, VirtualQuery and GetLastError, VirtualLock,
 * VirtualUnlock and the working-set calls (GetCurrentProcess, SetProcessWorkingSetSize, GetProcessWorkingSetSize,
 * EmptyWorkingSet), with their C names and values.
 */
package dev.pagelab.win32;
