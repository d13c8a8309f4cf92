// `layerscope completion bash|zsh|fish`: scripts that ask the CLI itself what to complete
// (`layerscope __complete SHELL -- WORDS…`), so they never drift from the real flags and commands.
// A line `:files` in the answer means "and file names here", which each shell completes natively;
// `:files=PREFIX` means file names after PREFIX, which the word starts with (docker-archive:./app.tar).

const BASH = String.raw`# layerscope completion for bash: eval "$(layerscope completion bash)" in ~/.bashrc
_layerscope() {
  local line=\${COMP_LINE:0:COMP_POINT} cur= words=() out item files= fprefix=
  # Without -r, read takes a backslash as an escape: a name bash inserted as dir\ with\ space is one word.
  read -a words <<<"$line"
  [[ $line == *[[:space:]] ]] && words+=("")
  cur=\${words[-1]}
  out=$(layerscope __complete bash -- "\${words[@]:1}" 2>/dev/null) || return 0
  COMPREPLY=()
  # bash splits words at ':' (COMP_WORDBREAKS): offer only what follows the last ':' of the word.
  local colon=
  [[ $cur == *:* && $COMP_WORDBREAKS == *:* ]] && colon=\${cur%"\${cur##*:}"}
  while IFS= read -r item; do
    [[ -z $item ]] && continue
    if [[ $item == :files ]]; then files=1
    elif [[ $item == :files=* ]]; then files=1 fprefix=\${item#:files=}
    else COMPREPLY+=("\${item#"$colon"}"); fi
  done <<<"$out"
  if [[ -n $files ]]; then
    local IFS=$'\n' f full
    for f in $(compgen -f -- "\${cur#"$fprefix"}"); do full=$fprefix$f; COMPREPLY+=("\${full#"$colon"}"); done
    compopt -o filenames 2>/dev/null
  fi
  # A source prefix (docker:, oci:…) takes more letters, not a space.
  [[ \${#COMPREPLY[@]} -eq 1 && \${COMPREPLY[0]} == *: ]] && compopt -o nospace 2>/dev/null
  return 0
}
complete -F _layerscope layerscope
`;

const ZSH = String.raw`#compdef layerscope
# layerscope completion for zsh: eval "$(layerscope completion zsh)" in ~/.zshrc (after compinit)
_layerscope() {
  local -a out plain open
  local item files=0 fprefix=
  out=("\${(@f)$(layerscope __complete zsh -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  for item in "\${out[@]}"; do
    if [[ $item == :files ]]; then files=1
    elif [[ $item == :files=* ]]; then files=1 fprefix=\${item#:files=}
    elif [[ -n $item && $item == *: ]]; then open+=("$item")
    elif [[ -n $item ]]; then plain+=("$item"); fi
  done
  (( \${#plain} )) && compadd -- "\${plain[@]}"
  (( \${#open} )) && compadd -S '' -- "\${open[@]}"
  if (( files )); then
    [[ -n $fprefix ]] && compset -P "\${(b)fprefix}"
    _files
  fi
  return 0
}
if (( $+functions[compdef] )); then compdef _layerscope layerscope; fi
`;

const FISH = String.raw`# layerscope completion for fish: layerscope completion fish > ~/.config/fish/completions/layerscope.fish
# Paths for what the token means: fish's own path completion takes no '~', so it is given $HOME and the
# answers the '~' back (fish keeps only answers that start with what was typed).
function __layerscope_paths
    if string match -q -- '~/*' $argv[1]
        __fish_complete_path $HOME(string sub -s 2 -- $argv[1]) | string replace -- $HOME '~'
    else
        __fish_complete_path $argv[1]
    end
end

function __layerscope_complete
    # The token as typed is escaped (dir\ with\ space); the paths are found for what it means.
    set -l current (commandline -ct | string unescape)
    set -l words (commandline -opc) $current
    set -e words[1]
    for item in (layerscope __complete fish -- $words 2>/dev/null)
        if test "$item" = ":files"
            __layerscope_paths $current
        else if string match -q -- ':files=*' $item
            set -l prefix (string sub -s 8 -- $item)
            for path in (__layerscope_paths (string sub -s (math (string length -- $prefix) + 1) -- $current))
                echo $prefix$path
            end
        else if test -n "$item"
            echo $item
        end
    end
end
complete -c layerscope -f -a '(__layerscope_complete)'
`;

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export function completionScript(shell: Shell): string {
  return { bash: BASH, zsh: ZSH, fish: FISH }[shell].replace(/\\\$/g, '$');
}
