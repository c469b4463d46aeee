package org.tokenrefresh.testsupport;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a compiled class refers to, read from its constant pool (JVMS §4.4): its version, every string of its
 * constant pool, the classes and the fields and methods of other classes it uses. For checks on built jars: that a
 * transformed jar names no {@code jakarta.*} type any more, and that every member it uses of an API exists in a
 * given version of that API ({@link #missingFrom}).
 */
public final class ClassFile {

    private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L([A-Za-z0-9_$/]+)[;<]");

    private final String name;
    private final int majorVersion;
    private final List<String> strings;
    private final Set<String> classes;
    private final List<MemberRef> members;

    private ClassFile(String name, int majorVersion, List<String> strings, Set<String> classes, List<MemberRef> members) {
        this.name = name;
        this.majorVersion = majorVersion;
        this.strings = List.copyOf(strings);
        this.classes = Set.copyOf(classes);
        this.members = List.copyOf(members);
    }

    /** A field or method of a class, as a class file refers to it (internal names, JVM descriptor). */
    public record MemberRef(String owner, String name, String descriptor, boolean method) {
        @Override
        public String toString() {
            return owner.replace('/', '.') + (method ? "." + name + descriptor : "#" + name + ":" + descriptor);
        }
    }

    /** Reads a class file. */
    public static ClassFile parse(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IllegalArgumentException("not a class file");
            }
            in.readUnsignedShort(); // minor version
            int major = in.readUnsignedShort();
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            int[] tags = new int[count];
            int[] first = new int[count];
            int[] second = new int[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                tags[i] = tag;
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF(); // Utf8: u2 length and modified UTF-8, as DataInput reads it
                    case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort(); // Class, String, MethodType, Module, Package
                    case 9, 10, 11, 12, 17, 18 -> { // Fieldref, Methodref, InterfaceMethodref, NameAndType, (Invoke)Dynamic
                        first[i] = in.readUnsignedShort();
                        second[i] = in.readUnsignedShort();
                    }
                    case 3, 4 -> in.readInt();
                    case 5, 6 -> { // Long, Double take two entries
                        in.readLong();
                        i++;
                    }
                    case 15 -> { // MethodHandle
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    default -> throw new IllegalArgumentException("unknown constant pool tag " + tag + " at " + i);
                }
            }
            in.readUnsignedShort(); // access flags
            String name = utf8[first[in.readUnsignedShort()]];
            List<String> strings = new ArrayList<>();
            Set<String> classes = new TreeSet<>();
            List<MemberRef> members = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                switch (tags[i]) {
                    case 1 -> {
                        strings.add(utf8[i]);
                        Matcher type = TYPE_IN_DESCRIPTOR.matcher(utf8[i]);
                        while (type.find()) {
                            classes.add(type.group(1));
                        }
                    }
                    case 7 -> {
                        String className = utf8[first[i]];
                        if (!className.startsWith("[")) {
                            classes.add(className);
                        }
                    }
                    case 9, 10, 11 -> {
                        int nameAndType = second[i];
                        members.add(new MemberRef(utf8[first[first[i]]], utf8[first[nameAndType]], utf8[second[nameAndType]],
                                tags[i] != 9));
                    }
                    default -> {
                        // other constants name nothing the checks need
                    }
                }
            }
            return new ClassFile(name, major, strings, classes, members);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The class's internal name, for example {@code org/tokenrefresh/TokenRefreshFilter}. */
    public String name() {
        return name;
    }

    /** The class file's major version: 55 for Java 11, 61 for Java 17. */
    public int majorVersion() {
        return majorVersion;
    }

    /** Every Utf8 constant: names, descriptors, signatures, annotation values and string literals. */
    public List<String> strings() {
        return strings;
    }

    /** Internal names of the classes it names as a class constant or inside a descriptor or signature. */
    public Set<String> classes() {
        return classes;
    }

    /** The fields and methods it uses, its own included. */
    public List<MemberRef> members() {
        return members;
    }

    /**
     * What {@code classFiles} use of an API that {@code apiClasses} does not have: each class (internal name
     * accepted by {@code api}) that {@code apiClasses} cannot load, and each field or method of such a class that
     * neither it nor any of its supertypes declares with that name and descriptor. Empty when the code links
     * against that version of the API.
     */
    public static Set<String> missingFrom(Collection<ClassFile> classFiles, Predicate<String> api, ClassLoader apiClasses) {
        Set<String> missing = new TreeSet<>();
        for (ClassFile classFile : classFiles) {
            for (String className : classFile.classes()) {
                if (api.test(className) && load(className, apiClasses) == null) {
                    missing.add("class " + className.replace('/', '.') + " (used by " + classFile.name() + ")");
                }
            }
            for (MemberRef member : classFile.members()) {
                if (!member.owner().startsWith("[") && api.test(member.owner())) {
                    Class<?> owner = load(member.owner(), apiClasses);
                    if (owner != null && !declares(owner, member)) {
                        missing.add(member + " (used by " + classFile.name() + ")");
                    }
                }
            }
        }
        return missing;
    }

    private static Class<?> load(String internalName, ClassLoader loader) {
        try {
            return Class.forName(internalName.replace('/', '.'), false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** Field and method resolution (JVMS §5.4.3.2, §5.4.3.3), simplified: the class and all of its supertypes. */
    private static boolean declares(Class<?> owner, MemberRef member) {
        Deque<Class<?>> types = new ArrayDeque<>(List.of(owner));
        Set<Class<?>> seen = new HashSet<>();
        while (!types.isEmpty()) {
            Class<?> type = types.pop();
            if (!seen.add(type)) {
                continue;
            }
            if (declaresItself(type, member)) {
                return true;
            }
            if (type.getSuperclass() != null) {
                types.push(type.getSuperclass());
            }
            types.addAll(List.of(type.getInterfaces()));
            if (type.isInterface()) {
                types.add(Object.class);
            }
        }
        return false;
    }

    private static boolean declaresItself(Class<?> type, MemberRef member) {
        if (!member.method()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getName().equals(member.name()) && field.getType().descriptorString().equals(member.descriptor())) {
                    return true;
                }
            }
            return false;
        }
        if (member.name().equals("<init>")) {
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (MethodType.methodType(void.class, constructor.getParameterTypes()).toMethodDescriptorString()
                        .equals(member.descriptor())) {
                    return true;
                }
            }
            return false;
        }
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals(member.name()) && MethodType.methodType(method.getReturnType(),
                    method.getParameterTypes()).toMethodDescriptorString().equals(member.descriptor())) {
                return true;
            }
        }
        return false;
    }
}
