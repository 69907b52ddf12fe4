import java.util.*;
public class Main { public static void main(String[] x){ Scanner s=new Scanner(System.in); int a=s.nextInt(), b=s.nextInt(); System.out.println(a+b);} }
