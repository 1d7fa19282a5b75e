package dev.connject.config;

/** A choice a rules file spells out, such as a mode or an errno: the name it is written with. */
public interface YamlNamed {

    /** The name used in rules files and events. */
    String yamlName();
}
