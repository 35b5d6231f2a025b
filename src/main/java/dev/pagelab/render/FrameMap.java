package dev.pagelab.render;

import dev.pagelab.AddressSpace;
import dev.pagelab.Computer;
import dev.pagelab.FrameView;
import dev.pagelab.SpaceView;
import dev.pagelab.engine.Hex;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The physical memory of a machine after Sysinternals RAMMap: one cell per frame, coloured by the address space
 * that owns it and patterned by the reservation its page belongs to, free frames left white, dirty frames marked
 * with a corner triangle. Spaces are numbered in the order their first frame appears (the space the map was
 * made for, if any, is "this space"), so the picture is the same on every run. Beyond {@value #MAX_CELLS}
 * frames a cell stands for a power-of-two number of frames and shows their most common owner.
 *
 * <pre>{@code
 * var c = machine().boot(); var a = c.space(); var b = c.space();
 * a.allocate(kb(16)).write(0, 1); b.allocate(kb(8)).write(0, 2);
 * FrameMap.of(c)
 * }</pre>
 */
public final class FrameMap extends SketchPicture {
    static final int MAX_CELLS = 2048;
    private static final int WIDTH = 1000;
    private static final int LEFT = 92;
    private static final int MAX_LEGEND_REGIONS = 14;
    private static final String[] SPACE_COLOURS = {"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442"};
    private static final String OTHER_COLOUR = "#999999";
    /** Frames of sections, shared by every view that maps them. */
    private static final String SECTION_COLOUR = "#5e3c99";
    private static final Fill.Pattern[] REGION_PATTERNS = {Fill.Pattern.SOLID, Fill.Pattern.HLINES, Fill.Pattern.VLINES,
        Fill.Pattern.DIAGONAL, Fill.Pattern.DOTS, Fill.Pattern.GRID, Fill.Pattern.CROSS, Fill.Pattern.BACKDIAGONAL};
    private static final Fill FREE = Fill.solid("#ffffff");
    private static final Fill NEVER_USED = Fill.solid("#ececec");
    // Windows working sets: frames on the standby list (light green-grey) and the modified list (light orange).
    private static final Fill STANDBY = Fill.of("#d3e4cd", Fill.Pattern.DOTS, "#5b7f4f");
    private static final Fill MODIFIED = Fill.of("#f6d2ae", Fill.Pattern.DOTS, "#a0522d");
    private static final Pen LOCKED = Pen.of("#000000", 2.4);

    /**
     * One owner of frames: a reservation of a space, or a section. A reservation's place among its space's
     * ({@code region}) picks its pattern; only the fill keeps it.
     */
    private static final class Owner {
        final int space;
        final long base;
        final long end;
        final Fill fill;
        /** For a section's frames: its label; null for a reservation's. */
        final String section;
        int frames;
        int dirty;

        Owner(int space, int region, long base, long end) {
            this(space, region, base, end, null);
        }

        Owner(int space, int region, long base, long end, String section) {
            this.space = space;
            this.base = base;
            this.end = end;
            this.section = section;
            String colour = section != null ? SECTION_COLOUR : space < SPACE_COLOURS.length ? SPACE_COLOURS[space] : OTHER_COLOUR;
            Fill.Pattern pattern = REGION_PATTERNS[region % REGION_PATTERNS.length];
            boolean light = colour.equals("#56b4e9") || colour.equals("#f0e442") || colour.equals("#e69f00");
            this.fill = Fill.of(colour, pattern, light ? "#1a1a1a" : "#ffffff");
        }
    }

    private FrameMap(FrameView memory, SpaceView focus, String title) {
        super(title);
        int frames = memory.frames();
        int touched = memory.framesTouched();
        long perCell = 1;
        while ((frames + perCell - 1) / perCell > MAX_CELLS) {
            perCell <<= 1;
        }
        int cells = (int) ((frames + perCell - 1) / perCell);
        int perRow = cells <= 256 ? 32 : 64;
        double cellW = perRow == 32 ? 24 : 12;
        double cellH = perRow == 32 ? 22 : 12;
        double pitchX = cellW + (perRow == 32 ? 2 : 1);
        double pitchY = cellH + (perRow == 32 ? 2 : 1);

        // Owners in frame order: the focus space first, then spaces and their reservations as they appear.
        Map<SpaceView, Integer> spaces = new IdentityHashMap<>();
        List<SpaceView> spaceOrder = new ArrayList<>();
        if (focus != null) {
            spaces.put(focus, 0);
            spaceOrder.add(focus);
        }
        Map<SpaceView, Map<Long, Owner>> owners = new IdentityHashMap<>();
        List<Owner> ownerOrder = new ArrayList<>();
        Owner[] ownerOf = new Owner[touched];
        boolean[] dirty = new boolean[touched];
        FrameView.ListState[] listOf = new FrameView.ListState[touched];
        boolean[] locked = new boolean[touched];
        String[] listed = new String[touched];
        int inUse = 0;
        int dirtyCount = 0;
        Map<String, Owner> sections = new LinkedHashMap<>();
        int[] mappings = new int[touched];
        int sharedFrames = 0;
        int standby = 0;
        int modified = 0;
        int lockedCount = 0;
        for (int f = 0; f < touched; f++) {
            SpaceView vm = memory.owner(f);
            String section = vm == null ? memory.section(f) : null;
            if (vm == null && section == null) {
                continue;
            }
            inUse++;
            Integer si = null;
            long address = 0;
            if (vm != null) {
                si = spaces.get(vm);
                if (si == null) {
                    si = spaceOrder.size();
                    spaces.put(vm, si);
                    spaceOrder.add(vm);
                }
                address = memory.page(f) << vm.layout().pageShift();
            }
            FrameView.ListState list = memory.list(f);
            if (list != FrameView.ListState.NONE) {
                // On a list the frame keeps its page, but the page has left its working set (a section's page: its
                // views map it no more, docs/windows-rules.md W5).
                listOf[f] = list;
                listed[f] = section != null ? "page " + memory.page(f) + " of " + section
                        : "page " + Hex.address(address) + " of " + spaceName(si, focus != null);
                if (list == FrameView.ListState.STANDBY) {
                    standby++;
                } else {
                    modified++;
                }
                continue;
            }
            if (memory.locked(f)) {
                locked[f] = true;
                lockedCount++;
            }
            if (section != null) {
                Owner o = sections.computeIfAbsent(section, k -> {
                    Owner n = new Owner(-1, sections.size(), 0, 0, k);
                    ownerOrder.add(n);
                    return n;
                });
                o.frames++;
                ownerOf[f] = o;
                mappings[f] = memory.mappings(f);
                sharedFrames += mappings[f] > 1 ? 1 : 0;
                continue;
            }
            SpaceView.Reservation a = vm.reservationAt(address);
            long base = a == null ? address : a.base();
            long end = a == null ? address + vm.layout().pageSize() : a.end();
            Map<Long, Owner> regions = owners.computeIfAbsent(vm, k -> new LinkedHashMap<>());
            int space = si;
            Owner o = regions.computeIfAbsent(base, k -> {
                Owner n = new Owner(space, regions.size(), base, end);
                ownerOrder.add(n);
                return n;
            });
            o.frames++;
            ownerOf[f] = o;
            if (vm.page(address).dirty()) {
                dirty[f] = true;
                o.dirty++;
                dirtyCount++;
            }
        }

        String subtitle = (memory.unlimited() ? "unlimited memory: the " + frames + " frames used so far"
                : frames + " frames of " + Hex.size(memory.pageSize()) + ", replacement " + memory.policyName())
                + " · " + inUse + " in use, " + dirtyCount + " dirty"
                + (memory.windowsWorkingSets() ? ", " + standby + " standby, " + modified + " modified" : "")
                + (lockedCount > 0 ? ", " + lockedCount + " locked" : "") + " · " + owners(spaceOrder.size(), sections.size())
                + (perCell == 1 ? "" : " · each cell = " + perCell + " frames");
        Sketch s = new Sketch(title, subtitle);
        s.text(12, 22, title, TextStyle.TITLE);
        s.text(12, 40, subtitle, TextStyle.SUBTITLE);
        double top = 58;
        if (frames == 0) {
            s.text(12, top + 16, "No frame is in use yet: pages take a frame on their first touch.", TextStyle.LABEL);
            top += 28;
        }
        for (int i = 0; i < cells; i++) {
            int row = i / perRow;
            int col = i % perRow;
            double x = LEFT + col * pitchX;
            double y = top + row * pitchY;
            long first = i * perCell;
            long last = Math.min(frames, first + perCell);
            if (col == 0) {
                s.text(LEFT - 8, y + cellH / 2 + 4, "frame " + first, TextStyle.ADDRESS, Anchor.END);
            }
            Owner best = null;
            int bestCount = 0;
            boolean anyDirty = false;
            boolean used = false;
            FrameView.ListState list = null;
            boolean anyLocked = false;
            if (perCell == 1) {
                if (first < touched) {
                    best = ownerOf[(int) first];
                    anyDirty = dirty[(int) first];
                    list = listOf[(int) first];
                    anyLocked = locked[(int) first];
                    used = true;
                }
            } else {
                Map<Owner, Integer> counts = new IdentityHashMap<>();
                for (long f = first; f < last && f < touched; f++) {
                    used = true;
                    Owner o = ownerOf[(int) f];
                    anyDirty |= dirty[(int) f];
                    anyLocked |= locked[(int) f];
                    if (list == null || listOf[(int) f] == FrameView.ListState.MODIFIED) {
                        list = listOf[(int) f];
                    }
                    if (o != null) {
                        int n = counts.merge(o, 1, Integer::sum);
                        if (n > bestCount || (n == bestCount && ownerOrder.indexOf(o) < ownerOrder.indexOf(best))) {
                            best = o;
                            bestCount = n;
                        }
                    }
                }
            }
            String range = perCell == 1 ? "frame " + first : "frames " + first + "–" + (last - 1);
            if (best == null && list != null) {
                boolean mod = list == FrameView.ListState.MODIFIED;
                String tip = range + ": " + (mod ? "modified list" : "standby list")
                        + (perCell == 1 ? ", " + listed[(int) first] : "");
                s.rect(x, y, cellW, cellH, mod ? MODIFIED : STANDBY, Pen.of("#4d4d4d", 0.6), tip);
                if (mod) {
                    Marks.dirty(s, x + cellW, y, perRow == 32 ? 8 : 6);
                }
                continue;
            }
            Fill fill = best != null ? best.fill : used ? FREE : NEVER_USED;
            int shared = perCell == 1 && first < touched ? mappings[(int) first] : 0;
            String tip = range + ": "
                    + (best == null ? (used ? "free" : "never used") : best.section != null ? best.section + ", mapped by "
                    + shared + (shared == 1 ? " view" : " views") : spaceName(best.space, focus != null) + ", reservation "
                    + Hex.range(best.base, best.end)) + (anyDirty ? ", dirty" : "") + (anyLocked ? ", locked" : "");
            s.rect(x, y, cellW, cellH, fill, best == null ? Pen.dashed("#8c8c8c", 0.8, 2, 2)
                    : anyLocked ? LOCKED : Pen.of("#4d4d4d", 0.6), tip);
            if (shared > 1) {
                s.rect(x - 1, y - 1, cellW + 2, cellH + 2, null, Pen.of("#1a1a1a", 2), null);
                if (perRow == 32) {
                    s.rect(x + 2, y + cellH - 11, 14, 9, Fill.solid("#ffffff"), Pen.NONE);
                    s.text(x + 9, y + cellH - 4, "×" + shared, TextStyle.SMALL.colour("#1a1a1a"), Anchor.MIDDLE);
                }
            }
            if (anyDirty) {
                Marks.dirty(s, x + cellW, y, perRow == 32 ? 8 : 6);
            }
        }
        int rows = (cells + perRow - 1) / perRow;
        double bottom = top + rows * pitchY + 8;
        Legend legend = new Legend();
        for (int i = 0; i < ownerOrder.size() && i < MAX_LEGEND_REGIONS; i++) {
            Owner o = ownerOrder.get(i);
            legend.swatch(o.fill, Pen.of("#4d4d4d", 0.6), (o.section != null ? o.section + ", shared by its views"
                    : spaceName(o.space, focus != null) + " " + Hex.address(o.base)) + " (" + o.frames
                    + (o.frames == 1 ? " frame)" : " frames)"));
        }
        if (ownerOrder.size() > MAX_LEGEND_REGIONS) {
            legend.add("… " + (ownerOrder.size() - MAX_LEGEND_REGIONS) + " more reservations", (sk, lx, ly) -> { });
        }
        if (memory.windowsWorkingSets()) {
            legend.swatch(STANDBY, Pen.of("#4d4d4d", 0.6), "standby list (" + standby + "): clean, a touch takes it back");
            legend.swatch(MODIFIED, Pen.of("#4d4d4d", 0.6), "modified list (" + modified + "): dirty, for the writer");
        }
        if (lockedCount > 0) {
            legend.swatch(FREE, LOCKED, "locked (VirtualLock): never trimmed nor evicted");
        }
        if (inUse < touched) {
            legend.swatch(FREE, Pen.dashed("#8c8c8c", 0.8, 2, 2), "free frame");
        }
        if (frames > touched) {
            legend.swatch(NEVER_USED, Pen.dashed("#8c8c8c", 0.8, 2, 2), "never used");
        }
        legend.add("dirty (must be written before reuse)", Marks.DIRTY_ICON);
        if (sharedFrames > 0) {
            legend.add("frame mapped by several views (×n: how many)", (sk, lx, ly) -> sk.rect(lx, ly, Legend.ICON_W,
                    Legend.ICON_H, Fill.solid("#ffffff"), Pen.of("#1a1a1a", 2)));
        }
        double h = legend.draw(s, 12, bottom, WIDTH - 24);
        s.size(WIDTH, bottom + h + 8);
        sketch(s);
        summary("frame map: " + subtitle);
        List<List<String>> rows2 = new ArrayList<>();
        for (Owner o : ownerOrder) {
            if (rows2.size() == 32) {
                rows2.add(List.of("…", "", "", "", ""));
                break;
            }
            rows2.add(List.of(o.section != null ? o.section : Hex.range(o.base, o.end), o.section != null ? "shared"
                    : spaceName(o.space, focus != null), Integer.toString(o.frames),
                    Integer.toString(o.dirty), o.fill.pattern().key()));
        }
        table(Html.table("Frames by reservation", List.of("reservation", "space", "frames", "dirty", "pattern"), rows2));
    }

    private static String spaceName(int index, boolean focused) {
        if (focused) {
            return index == 0 ? "this space" : "space " + (index + 1);
        }
        return "space " + (index + 1);
    }

    /** {@code 2 spaces}, {@code 1 space, 1 section}, {@code 1 section}: who owns the frames shown. */
    private static String owners(int spaces, int sections) {
        String text = spaces == 1 ? "1 space" : spaces + " spaces";
        if (sections == 0) {
            return text;
        }
        String shared = sections == 1 ? "1 section" : sections + " sections";
        return spaces == 0 ? shared : text + ", " + shared;
    }
    /** The frames of a computer. */
    public static FrameMap of(Computer computer) {
        return of(computer.view());
    }

    /** The frames under {@code space} (the computer its pages live in), that space first in the key. */
    public static FrameMap of(AddressSpace space) {
        return new FrameMap(space.computer().view(), space.view(), "Frame map");
    }

    /** The frames of a read-only view of a computer's frames. */
    public static FrameMap of(FrameView frames) {
        return new FrameMap(frames, null, "Frame map");
    }
}
