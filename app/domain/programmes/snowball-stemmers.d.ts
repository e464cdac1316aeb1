// The package ships no types; Regie uses its Dutch stemmer only.
declare module "snowball-stemmers" {
  export interface Stemmer {
    stem(word: string): string;
  }
  export function newStemmer(language: "dutch"): Stemmer;
  export function algorithms(): string[];
}
