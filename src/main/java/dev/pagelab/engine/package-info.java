/**
 * The paging engine: address spaces with Windows VirtualAlloc semantics, packed page tables, physical frames, page
 * file, TLB and journal (JDK only). Internal, not API: it is public only so that the DSL, the Win32 facade and
 * journal replay can reach it (through {@link dev.pagelab.engine.SpaceAccess}); its read-only values — such as
 * {@link dev.pagelab.engine.PageInfo}, {@link dev.pagelab.engine.MemoryRegion},
 * {@link dev.pagelab.engine.JournalEvent} and {@link dev.pagelab.engine.Layout} — are what the DSL hands out.
 */
package dev.pagelab.engine;
