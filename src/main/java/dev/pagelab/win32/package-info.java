/** The Win32 facade: VirtualAlloc, VirtualFree, VirtualProtect, VirtualQuery and GetLastError with their C names and values. */
package dev.pagelab.win32;
