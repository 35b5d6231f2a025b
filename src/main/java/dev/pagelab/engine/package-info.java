/** The paging engine: address spaces with Windows VirtualAlloc semantics, packed page tables, physical frames, page file, TLB and journal (JDK only). */
package dev.pagelab.engine;
