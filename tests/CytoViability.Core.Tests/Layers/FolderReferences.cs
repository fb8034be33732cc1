using System.Collections.Immutable;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace CytoViability.Core.Tests.Layers;

/// <summary>
/// Which folder of the engine uses which, read from the compiled assembly rather than from `using` lines: every type
/// a type names in its base types, fields, signatures, locals and method bodies counts, and nothing it merely
/// mentions in a comment or an unused `using` does. A folder is the first namespace part after
/// <c>CytoViability.Core</c> (<c>Runs.Sharding</c> belongs to <c>Runs</c>); <c>CytoViability.Library</c> is Library/.
/// </summary>
internal static class FolderReferences
{
    /// <summary>The folder of the shared roots (<c>CytoViabilityException</c>), which every folder may use.</summary>
    public const string Root = "";

    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
        .GetFields()
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value, code => code.OperandType);

    /// <summary>Each use of one folder by another, with one type that uses a type of the other as the example.</summary>
    public static IReadOnlyDictionary<(string From, string To), string> Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var edges = new SortedDictionary<(string From, string To), string>();
        foreach (var handle in reader.TypeDefinitions)
        {
            var from = FolderOf(reader, handle);
            if (from is null)
            {
                continue;
            }

            foreach (var used in UsedTypes(pe, reader, handle))
            {
                var to = FolderOf(reader, used);
                if (to is null || to == from || to == Root)
                {
                    continue;
                }

                edges.TryAdd((from, to), Name(reader, handle) + " uses " + Name(reader, used));
            }
        }

        return edges;
    }

    /// <summary>The folder of a type (of its outermost declaring type), null for compiler-made types outside any namespace.</summary>
    private static string? FolderOf(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        while (type.GetDeclaringType() is { IsNil: false } outer)
        {
            type = reader.GetTypeDefinition(outer);
        }

        var ns = reader.GetString(type.Namespace);
        if (ns is "CytoViability" or "CytoViability.Core")
        {
            return Root;
        }

        foreach (var prefix in (string[])["CytoViability.Core.", "CytoViability."])
        {
            if (ns.StartsWith(prefix, StringComparison.Ordinal))
            {
                return ns[prefix.Length..].Split('.')[0];
            }
        }

        return null;
    }

    private static string Name(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        var name = reader.GetString(type.Name);
        return type.GetDeclaringType() is { IsNil: false } outer ? Name(reader, outer) + "." + name : reader.GetString(type.Namespace) + "." + name;
    }

    private static HashSet<TypeDefinitionHandle> UsedTypes(PEReader pe, MetadataReader reader, TypeDefinitionHandle handle)
    {
        var used = new HashSet<TypeDefinitionHandle>();
        var provider = new Collector(used);
        var type = reader.GetTypeDefinition(handle);
        Add(reader, provider, type.BaseType);
        foreach (var implementation in type.GetInterfaceImplementations())
        {
            Add(reader, provider, reader.GetInterfaceImplementation(implementation).Interface);
        }

        foreach (var field in type.GetFields())
        {
            reader.GetFieldDefinition(field).DecodeSignature(provider, null);
        }

        foreach (var property in type.GetProperties())
        {
            reader.GetPropertyDefinition(property).DecodeSignature(provider, null);
        }

        foreach (var methodHandle in type.GetMethods())
        {
            var method = reader.GetMethodDefinition(methodHandle);
            method.DecodeSignature(provider, null);
            if (method.RelativeVirtualAddress == 0)
            {
                continue;
            }

            var body = pe.GetMethodBody(method.RelativeVirtualAddress);
            if (!body.LocalSignature.IsNil)
            {
                reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(provider, null);
            }

            foreach (var token in Tokens(body.GetILBytes()!))
            {
                Add(reader, provider, MetadataTokens.EntityHandle(token));
            }
        }

        return used;
    }

    /// <summary>The metadata tokens an IL body refers to (types, fields, methods), walking it opcode by opcode.</summary>
    private static IEnumerable<int> Tokens(byte[] il)
    {
        var tokens = new List<int>();
        var i = 0;
        while (i < il.Length)
        {
            short value = il[i++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[i++]);
            }

            switch (Operands[value])
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    tokens.Add(BitConverter.ToInt32(il, i));
                    i += 4;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + (4 * BitConverter.ToInt32(il, i));
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    i += 8;
                    break;
                case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.InlineSig or OperandType.InlineString or OperandType.ShortInlineR:
                    i += 4;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    i += 1;
                    break;
            }
        }

        return tokens;
    }

    private static void Add(MetadataReader reader, Collector provider, EntityHandle handle)
    {
        if (handle.IsNil)
        {
            return;
        }

        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                provider.Used.Add((TypeDefinitionHandle)handle);
                break;
            case HandleKind.TypeSpecification:
                reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(provider, null);
                break;
            // A call or field access names the types of the member's signature too: an enum value passed to a
            // constructor compiles to a bare number, and only the signature still says whose enum it is.
            case HandleKind.FieldDefinition:
                var field = reader.GetFieldDefinition((FieldDefinitionHandle)handle);
                provider.Used.Add(field.GetDeclaringType());
                field.DecodeSignature(provider, null);
                break;
            case HandleKind.MethodDefinition:
                var method = reader.GetMethodDefinition((MethodDefinitionHandle)handle);
                provider.Used.Add(method.GetDeclaringType());
                method.DecodeSignature(provider, null);
                break;
            case HandleKind.MemberReference:
                var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                Add(reader, provider, member.Parent);
                if (member.GetKind() == MemberReferenceKind.Method)
                {
                    member.DecodeMethodSignature(provider, null);
                }
                else
                {
                    member.DecodeFieldSignature(provider, null);
                }

                break;
            case HandleKind.MethodSpecification:
                var specification = reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                Add(reader, provider, specification.Method);
                specification.DecodeSignature(provider, null);
                break;
        }
    }

    /// <summary>Decodes signatures only to note the engine's own types they name.</summary>
    private sealed class Collector(HashSet<TypeDefinitionHandle> used) : ISignatureTypeProvider<bool, object?>
    {
        public HashSet<TypeDefinitionHandle> Used { get; } = used;

        public bool GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => Used.Add(handle);

        public bool GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => false;

        public bool GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
            => reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public bool GetArrayType(bool elementType, ArrayShape shape) => false;

        public bool GetByReferenceType(bool elementType) => false;

        public bool GetFunctionPointerType(MethodSignature<bool> signature) => false;

        public bool GetGenericInstantiation(bool genericType, ImmutableArray<bool> typeArguments) => false;

        public bool GetGenericMethodParameter(object? genericContext, int index) => false;

        public bool GetGenericTypeParameter(object? genericContext, int index) => false;

        public bool GetModifiedType(bool modifier, bool unmodifiedType, bool isRequired) => false;

        public bool GetPinnedType(bool elementType) => false;

        public bool GetPointerType(bool elementType) => false;

        public bool GetPrimitiveType(PrimitiveTypeCode typeCode) => false;

        public bool GetSZArrayType(bool elementType) => false;
    }
}
