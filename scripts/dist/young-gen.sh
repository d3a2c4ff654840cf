# Sourced by both launchers (bin/k8s-ai-agent, and scripts/dist/launcher.sh from the release's lib/).
# POSIX sh.
#
# k8sai_young_gen ARGS...: prints the JVM option that sizes the young generation for the commands that
# read a whole snapshot (analyze, audit), or nothing.
# A snapshot read keeps nearly everything it allocates, so in the default young generation (a third of
# the initial heap) each collection copies all that was read so far: 10,000 pods took two collections,
# 350 ms of a 2 s run. A young generation of 384 MiB holds such a read (about 250 MB allocated) whole,
# and the run ends without a collection. Eden pages are touched only as objects are allocated, so
# small runs keep their RSS. With a smaller -Xmx the young generation is 3/4 of it; the user's own
# young-generation options win. A heap too small for it that we cannot see (a container's memory limit
# sets the default -Xmx) makes the JVM shrink the young generation with a warning on stdout, which
# would corrupt -o json: gc+ergo logging is off for that.
k8sai_young_gen() {
  case " $* " in
    *" analyze "*|*" audit "*) ;;
    *) return 0 ;;
  esac
  young=384
  for o in ${JAVA_TOOL_OPTIONS:-} ${JDK_JAVA_OPTIONS:-}; do
    case "$o" in
      -Xmn*|-XX:NewSize=*|-XX:MaxNewSize=*|-XX:NewRatio=*|-XX:MaxRAMPercentage=*|-XX:MaxRAM=*) return 0 ;;
      -Xmx*|-XX:MaxHeapSize=*)
        v="${o#-Xmx}"
        v="${v#-XX:MaxHeapSize=}"
        case "$v" in
          *[gG]) mib=$(( ${v%?} * 1024 )) ;;
          *[mM]) mib=${v%?} ;;
          *[kK]) mib=$(( ${v%?} / 1024 )) ;;
          *[0-9]) mib=$(( v / 1048576 )) ;;
          *) return 0 ;;
        esac
        if [ $(( mib * 3 / 4 )) -lt "$young" ]; then
          young=$(( mib * 3 / 4 ))
        fi ;;
    esac
  done
  echo "-XX:NewSize=${young}m -Xlog:gc+ergo=off"
}
