package dev.pagelab.jupyter;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The class loader of the cells: it defines the classes JShell compiles from cell code and reads jars added to
 * the class path, and delegates everything else to the kernel's own loader, so a cell's {@code AddressSpace}
 * is the very class the renderers know.
 */
final class CellClassLoader extends URLClassLoader implements LoaderDelegate {
    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> declared = new ConcurrentHashMap<>();
    private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();

    CellClassLoader(ClassLoader parent) {
        super("pagelab-cells", new URL[0], parent);
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException {
        // Record every class first: one may refer to another of the same batch.
        for (ClassBytecodes c : classes) {
            declared.put(c.name(), c.bytecodes());
        }
        boolean[] installed = new boolean[classes.length];
        for (int i = 0; i < classes.length; i++) {
            try {
                loaded.put(classes[i].name(), loadClass(classes[i].name()));
                installed[i] = true;
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ClassInstallException("cannot load " + classes[i].name() + ": " + e, installed);
            }
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] classes) {
        for (ClassBytecodes c : classes) {
            declared.put(c.name(), c.bytecodes());
        }
    }

    @Override
    public void addToClasspath(String path) throws InternalException {
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                addURL(Path.of(entry).toUri().toURL());
            } catch (MalformedURLException | RuntimeException e) {
                throw new InternalException("cannot add " + entry + " to the class path: " + e.getMessage());
            }
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> known = loaded.get(name);
        if (known != null) {
            return known;
        }
        byte[] bytes = declared.get(name);
        if (bytes != null) {
            return defineClass(name, bytes, 0, bytes.length);
        }
        return super.findClass(name);
    }

    /** Cell classes are readable as resources too, for libraries that read class files. */
    @Override
    public URL findResource(String name) {
        if (name.endsWith(".class")) {
            byte[] bytes = declared.get(name.substring(0, name.length() - 6).replace('/', '.'));
            if (bytes != null) {
                try {
                    return new URL(null, "pagelab-cell:" + name, new BytesHandler(bytes));
                } catch (MalformedURLException e) {
                    return null;
                }
            }
        }
        return super.findResource(name);
    }

    private static final class BytesHandler extends URLStreamHandler {
        private final byte[] bytes;

        BytesHandler(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        protected URLConnection openConnection(URL url) {
            return new URLConnection(url) {
                @Override
                public void connect() {
                }

                @Override
                public InputStream getInputStream() throws IOException {
                    return new ByteArrayInputStream(bytes);
                }
            };
        }
    }
}
