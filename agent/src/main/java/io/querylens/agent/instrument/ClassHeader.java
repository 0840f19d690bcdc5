package io.querylens.agent.instrument;

import java.util.Arrays;

/**
 * The first few fields of a class file: whether it is an interface, its super class and the
 * interfaces it names, read without a class-file library and without building any description.
 *
 * <p>Reading this much means walking the constant pool, which is most of a small class file, but
 * nothing beyond it: no fields, methods, attributes or annotations, which is where a full parse
 * spends its time and memory.
 */
final class ClassHeader {
  private static final int MAGIC = 0xCAFEBABE;
  private static final int ACC_INTERFACE = 0x0200;

  /** Internal names (with slashes) of the super class, or null for {@code java/lang/Object}'s. */
  final String superName;

  /** Internal names of the directly implemented (or, for an interface, extended) interfaces. */
  final String[] interfaceNames;

  final boolean isInterface;

  private ClassHeader(String superName, String[] interfaceNames, boolean isInterface) {
    this.superName = superName;
    this.interfaceNames = interfaceNames;
    this.isInterface = isInterface;
  }

  /** Reads the header of {@code classFile}; null when the bytes are not a class file it can read. */
  static ClassHeader read(byte[] classFile) {
    try {
      return parse(classFile);
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      return null; // truncated or unknown: whoever asked must not decide on it
    }
  }

  private static ClassHeader parse(byte[] b) {
    if (b == null || b.length < 10 || readInt(b, 0) != MAGIC) {
      return null;
    }
    int count = readUnsignedShort(b, 8);
    // offsets of each entry's contents (after its tag), by constant-pool index
    int[] offsets = new int[count];
    int position = 10;
    for (int index = 1; index < count; index++) {
      int tag = b[position] & 0xFF;
      offsets[index] = position + 1;
      switch (tag) {
        case 1: // Utf8
          position += 3 + readUnsignedShort(b, position + 1);
          break;
        case 3: // Integer
        case 4: // Float
        case 9: // Fieldref
        case 10: // Methodref
        case 11: // InterfaceMethodref
        case 12: // NameAndType
        case 17: // Dynamic
        case 18: // InvokeDynamic
          position += 5;
          break;
        case 5: // Long
        case 6: // Double
          position += 9;
          index++; // takes two slots
          break;
        case 7: // Class
        case 8: // String
        case 16: // MethodType
        case 19: // Module
        case 20: // Package
          position += 3;
          break;
        case 15: // MethodHandle
          position += 4;
          break;
        default:
          return null; // a constant this reader does not know: a newer class-file format
      }
    }
    int access = readUnsignedShort(b, position);
    int superIndex = readUnsignedShort(b, position + 4);
    int interfaceCount = readUnsignedShort(b, position + 6);
    String[] interfaces = new String[interfaceCount];
    for (int i = 0; i < interfaceCount; i++) {
      interfaces[i] = className(b, offsets, readUnsignedShort(b, position + 8 + 2 * i));
    }
    String superName = superIndex == 0 ? null : className(b, offsets, superIndex);
    return new ClassHeader(superName, interfaces, (access & ACC_INTERFACE) != 0);
  }

  /** The name a Class constant at {@code index} points to. */
  private static String className(byte[] b, int[] offsets, int index) {
    int utf8 = offsets[readUnsignedShort(b, offsets[index])];
    int length = readUnsignedShort(b, utf8);
    return modifiedUtf8(b, utf8 + 2, length);
  }

  /** Class names are mostly ASCII; anything else goes through the JDK's decoder of modified UTF-8. */
  private static String modifiedUtf8(byte[] b, int from, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      byte c = b[from + i];
      if (c <= 0) {
        return decodeModifiedUtf8(Arrays.copyOfRange(b, from, from + length));
      }
      chars[i] = (char) c;
    }
    return new String(chars);
  }

  private static String decodeModifiedUtf8(byte[] bytes) {
    byte[] withLength = new byte[bytes.length + 2];
    withLength[0] = (byte) (bytes.length >>> 8);
    withLength[1] = (byte) bytes.length;
    System.arraycopy(bytes, 0, withLength, 2, bytes.length);
    try {
      return new java.io.DataInputStream(new java.io.ByteArrayInputStream(withLength)).readUTF();
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static int readUnsignedShort(byte[] b, int at) {
    return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
  }

  private static int readInt(byte[] b, int at) {
    return readUnsignedShort(b, at) << 16 | readUnsignedShort(b, at + 2);
  }
}
