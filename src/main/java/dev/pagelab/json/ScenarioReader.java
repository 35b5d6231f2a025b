package dev.pagelab.json;

import dev.pagelab.Machine;

import static dev.pagelab.engine.Flags.*;

import dev.pagelab.json.Step.Address;
import dev.pagelab.json.Step.Expect;
import dev.pagelab.json.Step.Op;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a scenario ({@code "format": "pagelab.scenario"}) and checks all of it before anything runs: every
 * operation's fields, types and ranges, that names are bound before they are used, and that the machine is small
 * enough to run from a file.
 */
final class ScenarioReader {
    static final String FORMAT = "pagelab.scenario";
    static final int VERSION = 1;

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,31}");
    private static final Pattern NAMED = Pattern.compile("([A-Za-z_][A-Za-z0-9_]{0,31})(?:\\s*([+-])\\s*(0[xX][0-9a-fA-F_]+|[0-9]{1,19}))?");
    private static final int MAX_TEXT = 200;

    /** The fields of a scenario document. */
    enum Field { FORMAT, VERSION, TITLE, MACHINE, OPERATIONS }

    /** The fields of an operation; {@link #fields(Op)} says which an operation has besides op, expect and note. */
    enum OpField { OP, NAME, ADDRESS, SIZE, TYPE, PROTECT, TOP_DOWN, VALUE, WIDTH, ACCESS, EXPECT, NOTE }

    /** The fields of an operation's {@code expect}, all optional. */
    enum ExpectField { OUTCOME, ERROR, VALUE, BASE, OLD, STATE, PROTECT, REGION_SIZE, FAULT }

    static final Fields<Field> FIELDS = Fields.of(Field.class, Field.TITLE, Field.MACHINE);
    static final Fields<ExpectField> EXPECT = Fields.of(ExpectField.class, ExpectField.values());

    /** The names each operation may have, for {@link Node#only(Set)}. */
    private static final Map<Op, Set<String>> ALLOWED = Fields.byKind(Op.class,
            EnumSet.of(OpField.OP, OpField.EXPECT, OpField.NOTE), ScenarioReader::fields);

    private ScenarioReader() {}

    static Scenario read(In in) {
        Header header = new Header();
        Node[] parts = new Node[2];
        List<Node> operations = new ArrayList<>();
        in.start();
        EnumSet<Field> seen = FIELDS.read(in, Paths.ROOT, header, (key, path) -> {
            switch (key) {
                case TITLE -> parts[0] = in.tree(path);
                case MACHINE -> parts[1] = in.tree(path);
                case OPERATIONS -> in.array(path, in.limits().maxOperations(), (i, p) -> operations.add(in.tree(p)));
                default -> throw new AssertionError(key);
            }
        });
        in.finish();
        header.check(in, FORMAT, VERSION);
        FIELDS.require(in, Paths.ROOT, seen);
        String title = parts[0] == null ? "" : Paths.clip(parts[0].string(MAX_TEXT), MAX_TEXT);
        Machine machine = parts[1] == null ? MachineCodec.read(emptyObject(in), false)
                : MachineCodec.read(parts[1], false);
        if (!machine.unlimited() && machine.policy().needsFuture()) {
            Node at = parts[1] != null && parts[1].has("policy") ? parts[1].field("policy") : parts[1];
            throw at.fail("OPT chooses by the future of a trace; a scenario makes its calls one by one, so give another "
                    + "policy (FIFO, LRU, CLOCK, NRU, RANDOM, ARC)");
        }
        Set<String> names = new HashSet<>();
        List<Step> steps = new ArrayList<>();
        long writes = 0;
        for (int i = 0; i < operations.size(); i++) {
            Step step = step(operations.get(i), i + 1, names);
            steps.add(step);
            if (step.op() == Op.WRITE) {
                writes++;
            }
        }
        String tooBig = in.limits().tooBig(machine, writes);
        if (tooBig != null) {
            throw parts[1] != null ? parts[1].fail(tooBig) : in.failAt("$.machine", tooBig);
        }
        return new Scenario(in.source(), title, machine, steps);
    }

    private static Node emptyObject(In in) {
        return new Node(Place.of(in.source(), "$.machine"), Node.Type.OBJECT, Node.newFields());
    }

    private static Step step(Node n, int number, Set<String> names) {
        Op op;
        Node opNode = n.field(OpField.OP);
        op = Op.of(opNode.string(40));
        if (op == null) {
            throw opNode.fail("unknown operation " + Paths.quote(opNode.string(), 40) + "; known: " + Op.known());
        }
        n.only(ALLOWED.get(op));
        if (n.has(OpField.NOTE)) {
            n.field(OpField.NOTE).string(MAX_TEXT);
        }
        Address address = null;
        if (n.has(OpField.ADDRESS)) {
            address = address(n.field(OpField.ADDRESS), names);
        } else if (op != Op.RESERVE && op != Op.ALLOCATE) {
            n.field(OpField.ADDRESS);
        }
        long size = 0;
        if (needs(op, OpField.SIZE)) {
            size = n.field(OpField.SIZE).size(0);
        }
        int type = 0;
        if (op == Op.VIRTUAL_ALLOC || op == Op.VIRTUAL_FREE) {
            type = Names.type(n.field(OpField.TYPE));
        } else if (op == Op.RESERVE || op == Op.ALLOCATE) {
            type = MEM_RESERVE | (op == Op.ALLOCATE ? MEM_COMMIT : 0);
            Node topDown = n.optional(OpField.TOP_DOWN);
            if (topDown != null && topDown.bool()) {
                type |= MEM_TOP_DOWN;
            }
        }
        int protect = PAGE_READWRITE;
        if (n.has(OpField.PROTECT)) {
            protect = Names.protection(n.field(OpField.PROTECT));
        } else if (op == Op.PROTECT || op == Op.VIRTUAL_ALLOC || op == Op.VIRTUAL_PROTECT) {
            n.field(OpField.PROTECT);
        }
        long value = op == Op.WRITE ? n.field(OpField.VALUE).bits64("a value") : 0;
        int width = 1;
        if (n.has(OpField.WIDTH)) {
            Node w = n.field(OpField.WIDTH);
            width = w.integer(1, 8);
            if (width != 1 && width != 2 && width != 4 && width != 8) {
                throw w.fail("width " + width + " must be 1, 2, 4 or 8 bytes");
            }
        }
        int access = n.has(OpField.ACCESS) ? Names.access(n.field(OpField.ACCESS)) : ACCESS_READ;
        String name = null;
        if (n.has(OpField.NAME)) {
            Node nameNode = n.field(OpField.NAME);
            name = nameNode.string(32);
            if (!NAME.matcher(name).matches()) {
                throw nameNode.fail("a name is a letter or '_' and then up to 31 letters, digits or '_', not "
                        + nameNode.describe());
            }
            names.add(name);
        }
        Expect expect = n.has(OpField.EXPECT) ? expect(n.field(OpField.EXPECT), op, names) : null;
        return new Step(number, n.place().path(), op, address, size, type, protect, value, width, access, name, expect);
    }

    private static EnumSet<OpField> fields(Op op) {
        return switch (op) {
            case RESERVE, ALLOCATE -> EnumSet.of(OpField.NAME, OpField.ADDRESS, OpField.SIZE, OpField.PROTECT,
                    OpField.TOP_DOWN);
            case COMMIT, PROTECT, VIRTUAL_PROTECT -> EnumSet.of(OpField.ADDRESS, OpField.SIZE, OpField.PROTECT);
            case DECOMMIT -> EnumSet.of(OpField.ADDRESS, OpField.SIZE);
            case RELEASE, EXECUTE, QUERY, VIRTUAL_QUERY -> EnumSet.of(OpField.ADDRESS);
            case READ -> EnumSet.of(OpField.ADDRESS, OpField.WIDTH);
            case WRITE -> EnumSet.of(OpField.ADDRESS, OpField.VALUE, OpField.WIDTH);
            case TOUCH -> EnumSet.of(OpField.ADDRESS, OpField.ACCESS);
            case VIRTUAL_ALLOC -> EnumSet.of(OpField.NAME, OpField.ADDRESS, OpField.SIZE, OpField.TYPE,
                    OpField.PROTECT);
            case VIRTUAL_FREE -> EnumSet.of(OpField.ADDRESS, OpField.SIZE, OpField.TYPE);
        };
    }

    private static boolean needs(Op op, OpField field) {
        return fields(op).contains(field) && !(op == Op.RELEASE);
    }

    /** A number, {@code "0x..."}, or a bound name with an optional offset: {@code "heap"}, {@code "heap+0x1000"}. */
    static Address address(Node n, Set<String> names) {
        if (n.isString()) {
            String text = n.string(80).trim();
            if (!text.startsWith("0x") && !text.startsWith("0X")) {
                Matcher m = NAMED.matcher(text);
                if (!m.matches()) {
                    throw n.fail("expected an address: a number, \"0x...\", or a name with an optional offset such as "
                            + "\"heap+0x1000\" or \"stack-8\", found " + n.describe());
                }
                if (!names.contains(m.group(1))) {
                    throw n.fail("the name \"" + m.group(1) + "\" is not bound by an earlier operation");
                }
                long offset = 0;
                if (m.group(3) != null) {
                    Long hex = Node.hex(m.group(3).toLowerCase(java.util.Locale.ROOT));
                    if (hex == null && m.group(3).startsWith("0")  && m.group(3).length() > 1
                            && (m.group(3).charAt(1) == 'x' || m.group(3).charAt(1) == 'X')) {
                        throw n.fail("the offset in " + n.describe() + " is not a hex number of up to 16 digits");
                    }
                    offset = hex != null ? hex : Long.parseLong(m.group(3));
                    if (m.group(2).equals("-")) {
                        offset = -offset;
                    }
                }
                return new Address(m.group(1), offset);
            }
        }
        return new Address(null, n.address());
    }

    private static final Map<String, String> OUTCOMES = Map.ofEntries(
            Map.entry("ok", "ok"), Map.entry("ACCESS_VIOLATION", "ACCESS_VIOLATION"),
            Map.entry("STATUS_ACCESS_VIOLATION", "ACCESS_VIOLATION"), Map.entry("GUARD_PAGE", "GUARD_PAGE"),
            Map.entry("STATUS_GUARD_PAGE_VIOLATION", "GUARD_PAGE"));

    private static Expect expect(Node n, Op op, Set<String> names) {
        if (n.isString()) {
            return new Expect(outcome(n), null, null, null, null, null, null, null, null);
        }
        n.only(EXPECT);
        String outcome = n.has(ExpectField.OUTCOME) ? outcome(n.field(ExpectField.OUTCOME)) : null;
        Integer error = null;
        if (n.has(ExpectField.ERROR)) {
            Node e = n.field(ExpectField.ERROR);
            error = e.isNumber() ? e.integer(0, 0xFFFF) : errorCode(e);
        }
        Long value = n.has(ExpectField.VALUE) ? n.field(ExpectField.VALUE).bits64("a value") : null;
        Address base = n.has(ExpectField.BASE) ? address(n.field(ExpectField.BASE), names) : null;
        Integer old = n.has(ExpectField.OLD) ? Names.protection(n.field(ExpectField.OLD)) : null;
        Integer state = n.has(ExpectField.STATE) ? Names.state(n.field(ExpectField.STATE)) : null;
        Integer protect = n.has(ExpectField.PROTECT) ? Names.protection(n.field(ExpectField.PROTECT)) : null;
        Long regionSize = n.has(ExpectField.REGION_SIZE) ? n.field(ExpectField.REGION_SIZE).size(0) : null;
        String fault = null;
        if (n.has(ExpectField.FAULT)) {
            Node f = n.field(ExpectField.FAULT);
            fault = f.string(20);
            if (!Set.of("none", "demand-zero", "hard").contains(fault)) {
                throw f.fail("expected a page fault: \"none\", \"demand-zero\" or \"hard\", found " + f.describe());
            }
        }
        return new Expect(outcome, error, value, base, old, state, protect, regionSize, fault);
    }

    private static String outcome(Node n) {
        String text = n.string(40);
        String known = OUTCOMES.get(text);
        if (known != null) {
            return known;
        }
        Integer code = errorCode(n);
        return dev.pagelab.engine.Flags.errorName(code);
    }

    private static final int[] ERRORS = {ERROR_SUCCESS, ERROR_ACCESS_DENIED, ERROR_NOT_ENOUGH_MEMORY, ERROR_BAD_LENGTH,
            ERROR_INVALID_PARAMETER, ERROR_INVALID_ADDRESS, ERROR_NOACCESS, ERROR_PRIVILEGE_NOT_HELD,
            ERROR_COMMITMENT_LIMIT};

    private static int errorCode(Node n) {
        String text = n.string(40);
        for (int code : ERRORS) {
            if (dev.pagelab.engine.Flags.errorName(code).equals(text)) {
                return code;
            }
        }
        throw n.fail("expected \"ok\", \"ACCESS_VIOLATION\", \"GUARD_PAGE\" or a Win32 error name such as "
                + "\"ERROR_INVALID_ADDRESS\", found " + n.describe());
    }
}
